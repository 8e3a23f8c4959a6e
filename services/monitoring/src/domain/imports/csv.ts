import { TextDecoder } from 'node:util';
import { type InfoRecord, parse } from 'csv-parse/sync';
import { type Table } from './table';
import { ImportFileError } from './types';

type Delimiter = ',' | ';' | '\t';

/** Reads CSV bytes (UTF-8 with or without BOM; Windows-1252 as a fallback) into a table of trimmed strings. */
export function readCsv(bytes: Buffer, delimiter?: Delimiter): Table {
  const text = decode(bytes);
  let parsed: Array<{ record: string[]; info: InfoRecord }>;
  try {
    // csv-parse's types do not model `info: true`, which wraps each record with its position.
    parsed = parse(text, {
      delimiter: delimiter ?? detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof parsed;
  } catch (e) {
    throw new ImportFileError(`cannot read the CSV file: ${(e as Error).message}`);
  }
  const [header, ...records] = parsed;
  if (!header) throw new ImportFileError('the file is empty');
  return {
    header: header.record.map((name) => name.trim()),
    records: records.map(({ record, info }) => ({ line: startLine(record, info), cells: record.map((c) => c.trim()) })),
  };
}

// info.lines is where a record ends; quoted cells may span lines, and the line it starts on is more useful.
function startLine(record: string[], info: InfoRecord): number {
  return info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
}

// German Excel still saves "CSV" as Windows-1252; valid UTF-8 almost never arises from such text by accident.
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The most frequent of , ; and tab in the header line, outside quotes; "," on a tie. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return best && counts[best] > counts[','] ? best : ',';
}
