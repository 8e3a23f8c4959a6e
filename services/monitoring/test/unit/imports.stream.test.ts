import { type ImportMapping, parseIndicatorFile, parseIndicatorStream } from '../../src/domain/imports';

/** The file in chunks of `size` bytes, as a stored import is read (cut anywhere: in a cell, a CRLF, a quote). */
function chunked(bytes: Buffer, size: number): () => AsyncIterable<Buffer> {
  return async function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  };
}

async function streamed(bytes: Buffer, mapping: ImportMapping, size: number) {
  const result = { rows: [] as unknown[], rejected: [] as unknown[], notes: [] as unknown[], records: 0 };
  for await (const batch of parseIndicatorStream(chunked(bytes, size), 'csv', mapping)) {
    result.rows.push(...batch.rows);
    result.rejected.push(...batch.rejected);
    result.notes.push(...batch.notes);
    result.records = batch.records;
  }
  return result;
}

const wide: ImportMapping = { layout: 'wide', spaceColumn: 'Raum', periodColumn: 'Jahr', columns: { A: 'a', B: 'b' } };
const plainLines = Array.from({ length: 40 }, (_, i) => `R${i},${2000 + (i % 5)},${i}.5,${i}`);

describe('parseIndicatorStream', () => {
  test.each([
    ['plain lines', ['Raum,Jahr,A,B', ...plainLines].join('\n')],
    ['CRLF endings and no final newline', ['Raum,Jahr,A,B', ...plainLines].join('\r\n')],
    ['blank lines and lines of empty cells', ['Raum,Jahr,A,B', ...plainLines.slice(0, 10), '', ',,,', '  ,  , ,', ...plainLines.slice(10)].join('\n') + '\n'],
    ['a quoted cell with a delimiter and a line break deep in the file', ['Raum,Jahr,A,B', ...plainLines.slice(0, 30), '"R,x\nneu",2001,1.5,2', ...plainLines.slice(30)].join('\n')],
    ['a quote in an unquoted cell', ['Raum,Jahr,A,B', ...plainLines.slice(0, 30), 'R"x,2001,1,2', ...plainLines.slice(30)].join('\n')],
    ['a bare carriage return as line end', ['Raum,Jahr,A,B', ...plainLines.slice(0, 30)].join('\n') + '\rR99,2001,1,2\n'],
    ['cells padded with spaces, wrong cell counts and bad values', ['Raum,Jahr,A,B', ' R1 , 2001 , 1.5 ,2', 'R2,2001,1', 'R3,2001,x,.', ...plainLines].join('\n')],
    ['CRLF endings with a bare LF deep in the file', ['Raum,Jahr,A,B', ...plainLines.slice(0, 30)].join('\r\n') + '\r\nR98,2001\nR99,2001,1,2\r\n' + plainLines.slice(30).join('\r\n')],
    ['a line longer than many chunks', ['Raum,Jahr,A,B', ...plainLines.slice(0, 5), `R${'x'.repeat(300)},2001,1,2`, ...plainLines.slice(5)].join('\n')],
    ['a quoted header', ['"Raum","Jahr","A","B"', ...plainLines].join('\n')],
    ['semicolons and decimal commas', ['Raum;Jahr;A;B', ...plainLines.map((l) => l.replace(/,/g, ';').replace('.', ','))].join('\n')],
  ])('when the CSV has %s, then it reads as the whole-file parser reads it, however it is chunked', async (_, text) => {
    const bytes = Buffer.from(text, 'utf8');
    let whole: Awaited<ReturnType<typeof parseIndicatorFile>> | Error;
    try {
      whole = await parseIndicatorFile(bytes, 'csv', wide);
    } catch (error) {
      whole = error as Error;
    }
    for (const size of [5, 64, 1 << 20]) {
      if (whole instanceof Error) {
        await expect(streamed(bytes, wide, size)).rejects.toThrow(whole.message);
        continue;
      }
      const result = await streamed(bytes, wide, size);
      expect(result.rows).toEqual(whole.rows);
      expect(result.rejected).toEqual(whole.rejected);
      expect(result.notes).toEqual(whole.notes);
      expect(result.records).toBe(whole.totalRows);
    }
    // The case reads something: rows, or the reasons why not.
    expect(whole instanceof Error || whole.rows.length + whole.rejected.length > 0).toBe(true);
  });
});
