import ExcelJS from 'exceljs';
import { MappingError, parseIndicatorFile, type WideMapping } from '../../src/domain/imports';
import { parseIndicatorStream } from '../../src/domain/imports/stream';

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const mapping: WideMapping = { layout: 'wide', spaceColumn: 'PLR_ID', periodColumn: 'Stand', columns: { S1: 'S1', EW: 'EW' } };

describe('parseIndicatorFile, XLSX', () => {
  test('when cells are numbers, dates and German number text, then each is read as meant', async () => {
    const bytes = await workbook({
      Daten: [
        ['PLR_ID', 'Stand', 'S1', 'EW'],
        ['01100101', new Date(Date.UTC(2020, 11, 31)), 4.22594, '1.234'],
        ['01100102', 2022, '1,5', null],
        ['01100103', '31.12.2020', 'k.A.', 7],
      ],
    });

    const result = await parseIndicatorFile(bytes, 'xlsx', mapping);

    expect(result.totalRows).toBe(3);
    expect(result.rows.map((r) => [r.line, r.spaceCode, r.period, r.indicatorKey, r.value])).toEqual([
      [2, '01100101', '2020-12-31', 'S1', 4.22594],
      [2, '01100101', '2020-12-31', 'EW', 1234],
      [3, '01100102', '2022', 'S1', 1.5],
      [4, '01100103', '2020-12-31', 'EW', 7],
    ]);
    expect(result.rejected).toEqual([{ line: 4, column: 'S1', reason: 'not a number: "k.A."' }]);
  });

  test('when a sheet is named, then that sheet is read, and an unknown name is a MappingError', async () => {
    const bytes = await workbook({
      Info: [['nothing here']],
      Werte: [['PLR_ID', 'Stand', 'S1', 'EW'], ['01100101', 2021, 3, 4]],
    });

    const result = await parseIndicatorFile(bytes, 'xlsx', { ...mapping, sheet: 'Werte' });

    expect(result.rows.map((r) => r.value)).toEqual([3, 4]);
    const unknownSheet = parseIndicatorFile(bytes, 'xlsx', { ...mapping, sheet: 'Tabelle1' });
    await expect(unknownSheet).rejects.toThrow(MappingError);
    await expect(unknownSheet).rejects.toMatchObject({
      problems: ['unknown sheet "Tabelle1" in mapping (sheets: "Info", "Werte")'],
    });
  });

  test('when the first sheet lacks a mapped column, then the MappingError names it', async () => {
    const bytes = await workbook({ Daten: [['PLR_ID', 'Stand', 'S1'], ['01100101', 2021, 3]] });

    await expect(parseIndicatorFile(bytes, 'xlsx', mapping)).rejects.toMatchObject({
      problems: ['unknown column "EW" in mapping'],
    });
  });

  test('when space codes are numbers formatted "00000000", then the leading zeros come back', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Daten');
    sheet.addRows([['PLR_ID', 'Stand', 'S1', 'EW'], [1100101, 2021, 3, 4]]);
    sheet.getCell('A2').numFmt = '00000000';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const result = await parseIndicatorFile(bytes, 'xlsx', mapping);

    expect(result.rows[0]?.spaceCode).toBe('01100101');
  });

  test('when the bytes are not a workbook, then an ImportFileError is raised', async () => {
    await expect(parseIndicatorFile(Buffer.from('PLR_ID,S1'), 'xlsx', mapping)).rejects.toThrow('cannot read the XLSX file');
  });
});

describe('parseIndicatorStream, XLSX (the import job reads a workbook as a stream)', () => {
  async function streamed(bytes: Buffer, map: WideMapping) {
    const batches = [];
    // Small chunks, as the job reads the stored file in parts.
    const chunks = async function* () {
      for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000);
    };
    for await (const batch of parseIndicatorStream(chunks, 'xlsx', map)) batches.push(batch);
    return { rows: batches.flatMap((b) => b.rows), rejected: batches.flatMap((b) => b.rejected), totalRows: batches.at(-1)?.records };
  }

  test('when a workbook is read as a stream, then rows, rejections and errors are those of the whole read', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Info').addRows([['nothing here']]);
    const sheet = wb.addWorksheet('Werte');
    sheet.addRows([
      ['Einwohner je Planungsraum'],
      [],
      ['PLR_ID', 'Stand', 'S1', 'EW', null, 'ignored'],
      [1100101, new Date(Date.UTC(2020, 11, 31)), 4.22594, '1.234'],
      ['01100102', 2022, '1,5', null],
      [],
      ['01100103', '31.12.2020', 'k.A.', 7, null, 'x'],
    ]);
    sheet.getCell('A4').numFmt = '00000000';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const map = { ...mapping, sheet: 'Werte' };

    const whole = await parseIndicatorFile(bytes, 'xlsx', map);
    expect(whole.rows).toHaveLength(4);
    expect(await streamed(bytes, map)).toEqual({ rows: whole.rows, rejected: whole.rejected, totalRows: whole.totalRows });
    await expect(streamed(bytes, { ...mapping, sheet: 'Tabelle1' })).rejects.toMatchObject({ problems: ['unknown sheet "Tabelle1" in mapping (sheets: "Info", "Werte")'] });
    await expect(streamed(bytes, mapping)).rejects.toThrow(MappingError); // the first sheet has no such columns
    await expect(streamed(Buffer.from('PK\u0003\u0004 not a zip'), mapping)).rejects.toThrow('cannot read the XLSX file');
  });
});
