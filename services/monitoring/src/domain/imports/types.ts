import type { CellReason } from './numbers';

export type ImportFormat = 'csv' | 'xlsx';

interface CommonMapping {
  spaceColumn: string;
  /** XLSX only: sheet name; default is the first sheet. */
  sheet?: string;
  /** CSV only: default is detected from the header line. */
  delimiter?: ',' | ';' | '\t';
  /** Overrides number-format detection ('comma' = German 1.234,5). */
  decimal?: 'comma' | 'point';
  /** The line (CSV) or row (XLSX) of the header, 1-based; default: detected below any title lines. */
  headerRow?: number;
  /** CSV only: default is UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
  encoding?: 'utf-8' | 'windows-1252';
  /** Match the space column only against spaces of this type (a name may exist at two levels). */
  spaceType?: string;
}

/** One value per line: space, period, indicator, value. */
export interface LongMapping extends CommonMapping {
  layout: 'long';
  periodColumn: string;
  /** Several columns are joined with "/" into the source name, e.g. "source_table/measure". */
  indicatorColumn: string | string[];
  valueColumn: string;
  numeratorColumn?: string;
  denominatorColumn?: string;
  /** Source name → indicator key; names not listed are used as they are. */
  indicatorMap?: Record<string, string>;
}

/** One line per space, one column per indicator. */
export interface WideMapping extends CommonMapping {
  layout: 'wide';
  periodColumn?: string;
  /** Fixed period for the whole file when there is no period column. */
  period?: string;
  /** Column name → indicator key. */
  columns: Record<string, string>;
  /** Column name → its own period (a two-row header: the indicator above, the year below). */
  columnPeriods?: Record<string, string>;
}

export type ImportMapping = LongMapping | WideMapping;

export interface ParsedRow {
  /** 1-based file line; the header is line 1. */
  line: number;
  /** Column the value came from. */
  column: string;
  spaceCode: string;
  indicatorKey: string;
  /** "YYYY" or "YYYY-MM-DD", see normalisePeriod. */
  period: string;
  value: number;
  numerator?: number;
  denominator?: number;
}

export interface RejectedRow {
  line: number;
  /** null when the whole line is affected. */
  column: string | null;
  reason: string;
}

/** A cell without a number for a stated reason ("." secret, "x" not applicable …), or a number's marks. */
export interface CellNoteRow {
  line: number;
  column: string;
  /** The space as the file gives it (a code or a name). */
  space: string;
  indicator: string;
  period: string;
  symbol: string;
  reason: CellReason;
  /** The value stored (0 for "–", the number of a marked value), null when none is. */
  value: number | null;
}

export interface ParseResult {
  rows: ParsedRow[];
  rejected: RejectedRow[];
  notes: CellNoteRow[];
  /** Data lines read (blank lines not counted). */
  totalRows: number;
}

/** The mapping does not fit the file; raised before any row is parsed. */
export class MappingError extends Error {
  constructor(
    readonly problems: string[],
    readonly availableColumns: string[],
  ) {
    super(`${problems.join('; ')} (file columns: ${availableColumns.join(', ')})`);
    this.name = 'MappingError';
  }
}

/** The file cannot be read at all (not CSV/XLSX, broken quoting, no header, missing sheet). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
