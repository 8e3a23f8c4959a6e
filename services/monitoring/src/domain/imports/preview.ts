import { detectDecimalStyle, readCell, type DecimalStyle } from './numbers';
import { normalisePeriod } from './period';
import { normaliseSpaceName, type SpaceMatch } from './spaces';
import { cellText, type Cell, type Grid, type Table, type TableRecord, toTable } from './table';
import { ImportFileError, type WideMapping } from './types';

export interface PreviewCatalogue {
  indicators: ReadonlyArray<{ key: string; name: string }>;
  space: (text: string) => SpaceMatch;
}

export interface PreviewOptions {
  headerRow?: number;
  decimal?: DecimalStyle;
  /** XLSX: every record as wide as the header. */
  fixedWidth: boolean;
  fileName: string;
}

export type ColumnRole = 'space' | 'period' | 'indicator' | 'other';

export interface ColumnPreview {
  name: string;
  role: ColumnRole;
  indicatorKey: string | null;
  /** The column's own period: the year of a two-row header ("Einwohner" above "2023"). */
  period: string | null;
  numbers: number;
  symbols: number;
}

export interface TablePreview {
  headerRow: number;
  /** 2 when the header has a second row merged into its names. */
  headerRows: number;
  header: string[];
  lines: Array<{ line: number; cells: string[] }>;
  totalRows: number;
  decimal: DecimalStyle;
  columns: ColumnPreview[];
  suggestion: WideMapping | null;
  spaceMatches: { byCode: number; byName: number; unmatched: string[]; ambiguous: string[] };
  period: string | null;
}

const SHOWN_DATA_LINES = 10;
const SAMPLED_RECORDS = 500;
const LISTED = 20;
/** A merged two-row header's name: the indicator, then the year or reference date below it. */
const OWN_PERIOD = /^(.+?)\s+(\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$/;
const PERIOD_HEADER = /^(jahr|berichtsjahr|periode|zeitraum|stichtag|stand|datum|year|period)$/;

/**
 * What an indicator table holds, for the planner to confirm: the header (given or detected below titles),
 * the first lines, the number format, and a wide mapping suggested from the catalogue — the column whose
 * cells match the most spaces, a period column or a year in the titles or the file name, and every column
 * whose header names an indicator by key or name.
 */
export function previewTable(grid: Grid, catalogue: PreviewCatalogue, options: PreviewOptions): TablePreview {
  const table = toTable(grid, options.headerRow, options.fixedWidth);
  if (!table || table.header.length === 0) {
    throw new ImportFileError(options.headerRow ? `there is no header in line ${options.headerRow}` : 'the file has no header line');
  }
  // Lines that fill one cell are titles, sources or footnotes, not data.
  const sample = table.records.filter((r) => r.cells.filter((c) => cellText(c) !== '').length > 1).slice(0, SAMPLED_RECORDS);
  const decimal = options.decimal ?? detectDecimalStyle(sample.flatMap((r) => r.cells.filter((c): c is string => typeof c === 'string')));
  const spaceIndex = bestSpaceColumn(table, sample, catalogue);
  const periodIndex = table.header.findIndex((h, i) => i !== spaceIndex && PERIOD_HEADER.test(normaliseSpaceName(h)) && sample.every((r) => blankOrPeriod(r.cells[i])));
  const columns = table.header.map((name, index): ColumnPreview => {
    const readings = sample.map((r) => (typeof r.cells[index] === 'number' ? 'number' : readCell(cellText(r.cells[index]), decimal).kind));
    const own = table.headerRows === 2 ? OWN_PERIOD.exec(name) : null;
    const valueColumn = index !== spaceIndex && index !== periodIndex;
    const indicatorKey = valueColumn ? (matchIndicator(name, catalogue.indicators) ?? (own ? matchIndicator(own[1]!, catalogue.indicators) : null)) : null;
    const role: ColumnRole = index === spaceIndex ? 'space' : index === periodIndex ? 'period' : indicatorKey ? 'indicator' : 'other';
    const period = valueColumn && own ? normalisePeriod(own[2]!) : null;
    return { name, role, indicatorKey, period, numbers: readings.filter((k) => k === 'number').length, symbols: readings.filter((k) => k === 'missing').length };
  });
  const period = periodIndex >= 0 ? null : yearIn(grid.filter((r) => r.line < table.headerLine), options.fileName);
  return {
    headerRow: table.headerLine,
    headerRows: table.headerRows ?? 1,
    header: table.header,
    lines: shownLines(grid, table),
    totalRows: table.records.length,
    decimal,
    columns,
    suggestion: suggestMapping(table, columns, spaceIndex, periodIndex, period, decimal),
    spaceMatches: spaceMatches(sample, spaceIndex, catalogue),
    period,
  };
}

function suggestMapping(table: Table, columns: ColumnPreview[], space: number, period: number, year: string | null, decimal: DecimalStyle): WideMapping | null {
  const mapped = Object.fromEntries(columns.flatMap((c) => (c.indicatorKey ? [[c.name, c.indicatorKey]] : [])));
  const columnPeriods = Object.fromEntries(columns.flatMap((c) => (c.indicatorKey && c.period ? [[c.name, c.period]] : [])));
  const names = new Set(table.header);
  if (space < 0 || Object.keys(mapped).length === 0 || names.size !== table.header.length) return null;
  return {
    layout: 'wide',
    spaceColumn: table.header[space]!,
    ...(period >= 0 ? { periodColumn: table.header[period]! } : year ? { period: year } : {}),
    columns: mapped,
    ...(Object.keys(columnPeriods).length > 0 ? { columnPeriods } : {}),
    headerRow: table.headerLine,
    decimal,
  };
}

/** The column whose cells name the most spaces (by code or name, also ambiguously); -1 when none names any. */
function bestSpaceColumn(table: Table, sample: TableRecord[], catalogue: PreviewCatalogue): number {
  const names = (text: string) => {
    const match = text === '' ? undefined : catalogue.space(text);
    return match !== undefined && ('code' in match || match.ambiguous === true);
  };
  let best = -1;
  let bestCount = 0;
  table.header.forEach((_, index) => {
    const count = sample.filter((r) => names(cellText(r.cells[index]))).length;
    if (count > bestCount) [best, bestCount] = [index, count];
  });
  return best;
}

function spaceMatches(sample: TableRecord[], index: number, catalogue: PreviewCatalogue): TablePreview['spaceMatches'] {
  const result = { byCode: 0, byName: 0, unmatched: [] as string[], ambiguous: [] as string[] };
  if (index < 0) return result;
  for (const record of sample) {
    const text = cellText(record.cells[index]);
    if (text === '') continue;
    const match = catalogue.space(text);
    if ('code' in match) result[match.by === 'code' ? 'byCode' : 'byName']++;
    else {
      const list = match.ambiguous ? result.ambiguous : result.unmatched;
      if (list.length < LISTED && !list.includes(text)) list.push(text);
    }
  }
  return result;
}

/** A header names an indicator when it equals its key or name, also with a trailing unit such as "(%)". */
function matchIndicator(header: string, indicators: PreviewCatalogue['indicators']): string | null {
  const plain = normaliseSpaceName(header);
  const withoutUnit = normaliseSpaceName(header.replace(/\s*(\([^)]*\)|\[[^\]]*\]|in %|%)\s*$/u, ''));
  const found = indicators.find((i) => [plain, withoutUnit].some((h) => h === normaliseSpaceName(i.key) || h === normaliseSpaceName(i.name)));
  return found?.key ?? null;
}

function blankOrPeriod(cell: Cell | undefined): boolean {
  return cellText(cell) === '' || normalisePeriod(cell instanceof Date || typeof cell === 'number' ? cell : cellText(cell)) !== null;
}

/** A year named in the title lines (e.g. "Bevölkerung am 31.12.2022"), else in the file name. */
function yearIn(titles: Grid, fileName: string): string | null {
  for (const text of [...titles.flatMap((r) => r.cells.map((c) => cellText(c))), fileName]) {
    const year = /(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/.exec(text);
    if (year) return year[1]!;
  }
  return null;
}

/** Title lines, the header and the first data lines, as text (cells and lines capped for the answer). */
function shownLines(grid: Grid, table: Table): TablePreview['lines'] {
  const lastShown = table.records[SHOWN_DATA_LINES - 1]?.line ?? Infinity;
  return grid
    .filter((r) => r.line <= lastShown)
    .slice(0, 40)
    .map((r) => ({ line: r.line, cells: r.cells.slice(0, 60).map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : cellText(c)).slice(0, 200)) }));
}
