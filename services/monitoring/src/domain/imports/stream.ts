import { TextDecoder } from 'node:util';
import { Readable } from 'node:stream';
import { type InfoRecord, parse } from 'csv-parse';
import { decodeWindows1252, detectDelimiter, startLine } from './csv';
import { detectDecimalStyle } from './numbers';
import { recordParser, valueTexts } from './rows';
import { cellText, HEADER_SEARCH_LINES, toTable, type TableRecord } from './table';
import { xlsxRecords } from './xlsx';
import { type CellNoteRow, type ImportFormat, ImportFileError, type ImportMapping, type ParsedRow, type RejectedRow } from './types';

/** What a stream has parsed since its last batch. */
export interface ParseBatch {
  rows: ParsedRow[];
  rejected: RejectedRow[];
  notes: CellNoteRow[];
  /** Data records read so far (blank lines not counted). */
  records: number;
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/**
 * A guess made on the file's first part turned out wrong further down, after rows were already passed on:
 * whatever was done with them must be undone and the file read again with this mapping (settled encoding or
 * number format). At most twice per file, and only for files that state neither.
 */
export class ReadAgain extends Error {
  constructor(
    readonly mapping: ImportMapping,
    reason: string,
  ) {
    super(reason);
    this.name = 'ReadAgain';
  }
}

/** Rows per batch: large enough to keep COPY busy, small enough to hold nothing much. */
const BATCH_ROWS = 20_000;
/** Decoded text gathered before the delimiter is chosen (detectDelimiter looks at the first lines of it). */
const DELIMITER_SAMPLE = 64 * 1024;

/**
 * Parses an indicator file as it is read, in batches, with the same checks and reports as parseIndicatorFile.
 * A CSV never sits in memory whole: the delimiter and header come from its first lines; an encoding or number
 * format the file does not state is guessed from its start and, if a later line contradicts the guess after
 * rows were passed on, ReadAgain is thrown. An XLSX is read as a stream too (xlsxRecords), row by row.
 */
export async function* parseIndicatorStream(chunks: () => AsyncIterable<Buffer>, format: ImportFormat, mapping: ImportMapping): AsyncGenerator<ParseBatch> {
  const counter = { bytes: 0 };
  const xlsx = format === 'xlsx';
  const source = xlsx ? xlsxRecords(() => counted(chunks(), counter), mapping.sheet) : csvRecords(decodeChunks(chunks(), mapping, counter), mapping.delimiter);
  const records = source[Symbol.asyncIterator]();

  // The header: among the first lines (as readCsv and readXlsx find it), or the line the mapping names.
  const head: TableRecord[] = [];
  while (head.length < HEADER_SEARCH_LINES * 2 || (mapping.headerRow !== undefined && (head.at(-1)?.line ?? 0) <= mapping.headerRow + 1)) {
    const next = await records.next();
    if (next.done) break;
    head.push(next.value);
  }
  const table = toTable(head, mapping.headerRow, xlsx);
  if (xlsx && (!table || table.header.length === 0)) {
    throw new ImportFileError(mapping.headerRow ? `the sheet has no header in row ${mapping.headerRow}` : 'the sheet has no header row');
  }
  if (head.length === 0) throw new ImportFileError('the file is empty');
  if (!table) throw new ImportFileError(`there is no line ${mapping.headerRow} to take the header from`);
  // An XLSX row is cut or padded to the header's width (as toTable does); a row empty within it is none.
  const fit = xlsx ? (record: TableRecord) => ({ line: record.line, cells: table.header.map((_, i) => record.cells[i] ?? null) }) : undefined;

  let batch: ParseBatch = { rows: [], rejected: [], notes: [], records: 0, bytesRead: 0 };
  const parser = recordParser(table.header, mapping, 'point', {
    rows: { push: (row: ParsedRow) => batch.rows.push(row) },
    rejected: { push: (row: RejectedRow) => batch.rejected.push(row) },
    notes: { push: (note: CellNoteRow) => batch.notes.push(note) },
  });
  const decimal = decimalGuess(mapping, parser.columns.wide.map((w) => w.index).concat([parser.columns.value, parser.columns.numerator, parser.columns.denominator].filter((i) => i !== undefined)));
  decimal.start(table.records, parser);

  let count = 0;
  const take = (read: TableRecord) => {
    const record = fit ? fit(read) : read;
    if (fit ? !record.cells.some((cell) => cellText(cell) !== '') : !record.cells.some((cell) => cell !== '')) return;
    count++;
    decimal.check(record, parser);
    parser.parse(record);
  };
  for (const record of table.records) take(record);
  for (let next = await records.next(); !next.done; next = await records.next()) {
    take(next.value);
    if (batch.rows.length >= BATCH_ROWS) {
      yield { ...batch, records: count, bytesRead: counter.bytes };
      batch = { rows: [], rejected: [], notes: [], records: 0, bytesRead: 0 };
    }
  }
  yield { ...batch, records: count, bytesRead: counter.bytes };
}

/**
 * The number format of a file that does not state it: decided on the first lines; "point" stays a guess until
 * a value with a decimal comma (or "1.234.567") shows up. Then the file is German — which changes nothing if
 * no value before held a ".", and otherwise means reading it again (ReadAgain).
 */
function decimalGuess(mapping: ImportMapping, valueIndexes: number[]) {
  let settled = mapping.decimal !== undefined;
  let dotSeen = false;
  return {
    start(records: TableRecord[], parser: { style: 'comma' | 'point'; columns: Parameters<typeof valueTexts>[1] }) {
      if (mapping.decimal !== undefined) parser.style = mapping.decimal;
      else if (detectDecimalStyle(valueTexts(records, parser.columns)) === 'comma') {
        parser.style = 'comma';
        settled = true;
      }
    },
    check(record: TableRecord, parser: { style: 'comma' | 'point' }) {
      if (settled) return;
      for (const index of valueIndexes) {
        const text = record.cells[index];
        if (typeof text !== 'string') continue;
        if ((text.includes(',') || text.indexOf('.') !== text.lastIndexOf('.')) && detectDecimalStyle([text]) === 'comma') {
          if (dotSeen) throw new ReadAgain({ ...mapping, decimal: 'comma' }, `line ${record.line} has a decimal comma after values with a "."`);
          parser.style = 'comma';
          settled = true;
          return;
        }
        if (text.includes('.')) dotSeen = true;
      }
    },
  };
}

/** The chunks as they are, counted; a second read counts from 0 again (an XLSX is checked, then read). */
async function* counted(chunks: AsyncIterable<Buffer>, counter: { bytes: number }): AsyncGenerator<Buffer> {
  counter.bytes = 0;
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/** The file's text, chunk by chunk: UTF-8 (BOM dropped) unless it is not, then Windows-1252 (see csv.ts). */
async function* decodeChunks(chunks: AsyncIterable<Buffer>, mapping: ImportMapping, counter: { bytes: number }): AsyncGenerator<string> {
  if (mapping.encoding === 'windows-1252') {
    for await (const chunk of chunks) {
      counter.bytes += chunk.length;
      yield decodeWindows1252(chunk);
    }
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const notUtf8 = () =>
    mapping.encoding === 'utf-8'
      ? new ImportFileError('the file is not valid UTF-8; try Windows-1252')
      : new ReadAgain({ ...mapping, encoding: 'windows-1252' }, 'the file is not valid UTF-8: read as Windows-1252');
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8();
    }
    yield text;
  }
  try {
    yield decoder.decode();
  } catch {
    throw notUtf8();
  }
}

/** CSV records, cells trimmed, with the line each starts on (1-based). */
async function* csvRecords(text: AsyncGenerator<string>, delimiter: ImportMapping['delimiter']): AsyncGenerator<TableRecord> {
  // The delimiter is chosen on the first lines: gather them before the parser starts.
  const sample: string[] = [];
  let sampled = 0;
  let next = await text.next();
  while (!next.done && (delimiter === undefined && sampled < DELIMITER_SAMPLE)) {
    sample.push(next.value);
    sampled += next.value.length;
    next = await text.next();
  }
  const first = next;
  async function* rest(): AsyncGenerator<string> {
    yield* sample;
    if (first.done) return;
    yield first.value;
    yield* text;
  }
  const chosen = delimiter ?? detectDelimiter(sample.join(''));
  yield* plainRecords(rest(), chosen);
}

/**
 * Lines without quotes or stray carriage returns need no CSV parser: their cells are what lies between the
 * delimiters, as csv-parse would read them, at a fraction of its cost (it makes a string of every cell from
 * bytes). Lines end as the first one does (CRLF or LF), as csv-parse decides; from the first line that has a
 * quote, a stray CR or the other ending, csv-parse reads the rest of the file, with that same line ending.
 */
async function* plainRecords(text: AsyncGenerator<string>, delimiter: string): AsyncGenerator<TableRecord> {
  let pending = '';
  let line = 0;
  let crlf: boolean | undefined;
  for (let next = await text.next(); ; next = await text.next()) {
    // A line longer than a chunk is gathered without searching it again for every chunk.
    if (!next.done && pending !== '' && !next.value.includes('\n')) {
      pending += next.value;
      continue;
    }
    const chunk = next.done ? pending : pending + next.value;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline === -1 && !next.done) break; // the line goes on in the next chunk
      const end = newline === -1 ? chunk.length : newline;
      if (start >= end && newline === -1) return;
      const endsInCr = chunk.charCodeAt(end - 1) === 13 && end > start;
      // csv-parse takes the first line's ending for every line; a first line it would read otherwise goes to it whole.
      crlf ??= endsInCr;
      const raw = chunk.slice(start, endsInCr ? end - 1 : end);
      if (raw.includes('"') || raw.includes('\r') || (crlf !== endsInCr && newline !== -1) || (line === 0 && newline === -1)) {
        yield* parsedRecords(remainder(chunk.slice(start), next.done ? undefined : text), delimiter, line, line === 0 ? undefined : crlf ? '\r\n' : '\n');
        return;
      }
      line++;
      start = end + 1;
      const cells = raw.split(delimiter);
      let empty = true;
      for (let i = 0; i < cells.length; i++) if ((cells[i] = cells[i]!.trim()) !== '') empty = false;
      // csv-parse's skip_empty_lines and skip_records_with_empty_values: such a line is no record
      if (!empty) yield { line, cells };
    }
    pending = chunk.slice(start);
  }
}

async function* remainder(head: string, tail: AsyncGenerator<string> | undefined): AsyncGenerator<string> {
  yield head;
  if (tail) yield* tail;
}

/**
 * CSV records as csv-parse reads them from the text, cells trimmed, with the line each starts on. Text that
 * starts after `linesBefore` lines is preceded by as many empty ones (which it skips), so that its line numbers,
 * in records and in errors, are the file's.
 */
async function* parsedRecords(text: AsyncGenerator<string>, delimiter: string, linesBefore = 0, recordDelimiter?: '\n' | '\r\n'): AsyncGenerator<TableRecord> {
  const parser = parse({
    delimiter,
    ...(recordDelimiter ? { record_delimiter: recordDelimiter } : {}),
    info: true,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  });
  const source = Readable.from(linesBefore > 0 ? remainder((recordDelimiter ?? '\n').repeat(linesBefore), text) : text, { objectMode: false, encoding: 'utf8' });
  source.once('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    // csv-parse's types do not model `info: true`, which wraps each record with its position.
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: InfoRecord }>) {
      yield { line: startLine(record, info), cells: record.map((c) => c.trim()) };
    }
  } catch (error) {
    if (error instanceof ReadAgain || error instanceof ImportFileError) throw error;
    throw new ImportFileError(`cannot read the CSV file: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}
