import { TextDecoder } from 'node:util';
import { type InfoRecord, parse } from 'csv-parse/sync';
import { type Grid, type Table, toTable } from './table';
import { ImportFileError } from './types';

export type Delimiter = ',' | ';' | '\t';
export type TextEncoding = 'utf-8' | 'windows-1252';

export interface CsvGrid {
  grid: Grid;
  delimiter: Delimiter;
  encoding: TextEncoding;
}

/** Reads CSV bytes (UTF-8 with or without BOM; Windows-1252 as a fallback, or as told) into lines of trimmed strings. */
export function readCsvGrid(bytes: Buffer, options: { delimiter?: Delimiter; encoding?: TextEncoding } = {}): CsvGrid {
  const { text, encoding } = decode(bytes, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let parsed: Array<{ record: string[]; info: InfoRecord }>;
  try {
    // csv-parse's types do not model `info: true`, which wraps each record with its position.
    parsed = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof parsed;
  } catch (e) {
    throw new ImportFileError(`cannot read the CSV file: ${(e as Error).message}`);
  }
  return { grid: parsed.map(({ record, info }) => ({ line: startLine(record, info), cells: record.map((c) => c.trim()) })), delimiter, encoding };
}

/** The CSV as header + records; the header is `headerLine` (1-based file line) or detected below title lines. */
export function readCsv(bytes: Buffer, options: { delimiter?: Delimiter; encoding?: TextEncoding; headerLine?: number } = {}): Table {
  const { grid } = readCsvGrid(bytes, options);
  if (grid.length === 0) throw new ImportFileError('the file is empty');
  const table = toTable(grid, options.headerLine, false);
  if (!table) throw new ImportFileError(`there is no line ${options.headerLine} to take the header from`);
  return table;
}

// info.lines is where a record ends; quoted cells may span lines, and the line it starts on is more useful.
export function startLine(record: string[], info: InfoRecord): number {
  return info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
}

// German Excel still saves "CSV" as Windows-1252; valid UTF-8 almost never arises from such text by accident.
function decode(bytes: Buffer, encoding?: TextEncoding): { text: string; encoding: TextEncoding } {
  if (encoding === 'windows-1252') return { text: decodeWindows1252(bytes), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') throw new ImportFileError('the file is not valid UTF-8; try Windows-1252');
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// Windows-1252 is Latin-1 except for 0x80–0x9F (€, dashes, quotes …). Node's TextDecoder, built without full
// ICU, decodes "windows-1252" as Latin-1 and turns "–" (0x96) into a control character.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * The one of , ; and tab that splits the first lines most consistently (the same number of times per line,
 * outside quotes), so decimal commas in a ";" file and title lines without any delimiter do not mislead; "," on a tie.
 */
export function detectDelimiter(text: string): Delimiter {
  const candidates: Delimiter[] = [',', ';', '\t'];
  const perLine: Array<Record<Delimiter, number>> = [];
  let counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      perLine.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0 };
      if (perLine.length >= 10) break;
    } else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  if (perLine.length < 10) perLine.push(counts);
  const score = (d: Delimiter) => {
    const tally = new Map<number, number>();
    for (const line of perLine) if (line[d] > 0) tally.set(line[d], (tally.get(line[d]) ?? 0) + 1);
    return Math.max(0, ...tally.values());
  };
  const best = [...candidates].sort((a, b) => score(b) - score(a))[0]!;
  return score(best) > score(',') ? best : ',';
}
