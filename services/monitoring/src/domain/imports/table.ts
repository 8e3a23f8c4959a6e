/** A cell as read: CSV gives strings, XLSX also numbers and dates; null is an empty cell. */
export type Cell = string | number | Date | null;

export interface TableRecord {
  line: number;
  cells: Cell[];
}

/** Every non-blank line of a file or sheet, before a header is chosen. */
export type Grid = TableRecord[];

/** A file read into header + records, before any mapping is applied. */
export interface Table {
  header: string[];
  /** The file line (CSV) or sheet row (XLSX) of the header; lines above it are titles. */
  headerLine: number;
  /** 2 when a second header row below headerLine was merged into the names. */
  headerRows?: number;
  records: TableRecord[];
}

/** Trimmed text of a cell; '' for empty. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

const filled = (cells: Cell[]) => cells.filter((c) => cellText(c) !== '').length;
const isNumeric = (cell: Cell) => typeof cell === 'number' || /^[-+]?[\d\s.,]+$/.test(cellText(cell));

/** How far down a header may stand below title rows. */
export const HEADER_SEARCH_LINES = 30;

/**
 * The header of a statistical table: the first line that fills at least two cells and most of the width of
 * the lines below it, with mostly text — title lines above it fill one cell (often merged across the table).
 * A plain file's header is its first line.
 */
export function detectHeaderLine(grid: Grid): number | undefined {
  const head = grid.slice(0, HEADER_SEARCH_LINES);
  const widest = Math.max(0, ...grid.slice(0, HEADER_SEARCH_LINES * 2).map((r) => filled(r.cells)));
  const header = head.find(({ line, cells }, i) => {
    // Under names merged across columns, the row below completes the header: count the merged names.
    const next = grid[i + 1];
    const names: Cell[] = next && next.line === line + 1 && isSubheader(cells, next.cells) ? mergeHeader(cells, next.cells) : cells;
    const count = filled(names);
    const texts = names.filter((c) => cellText(c) !== '' && !isNumeric(c)).length;
    return count >= Math.max(2, Math.ceil(widest * 0.6)) && texts * 2 > count;
  });
  return (header ?? head[0])?.line;
}

const YEARISH = /^(\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$/;

/**
 * A second header row as statistical offices write one (indicator names above, years below them): the line
 * right under the header leaves the first column empty, fills at least two cells, only periods or text and
 * no measured values, and fills a cell the header left empty (under a name merged across several columns).
 */
function isSubheader(header: Cell[], next: Cell[] | undefined): boolean {
  if (!next || cellText(next[0]) !== '') return false;
  const filledAt = next.flatMap((c, i) => (cellText(c) === '' ? [] : [i]));
  if (filledAt.length < 2) return false;
  const labels = filledAt.every((i) => YEARISH.test(cellText(next[i])) || !isNumeric(next[i]!));
  return labels && filledAt.some((i) => cellText(header[i]) === '');
}

/**
 * The header's names with the row below merged in: a name above stands for every column to its right until
 * the next name ("Einwohner" over "2023" and "2024" → "Einwohner 2023", "Einwohner 2024").
 */
function mergeHeader(upper: Cell[], lower: Cell[]): string[] {
  let above = '';
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, i) => {
    const top = cellText(upper[i]);
    const bottom = cellText(lower[i]);
    if (top !== '') above = top;
    else if (bottom === '') above = '';
    return [top === '' && bottom !== '' ? above : top, bottom].filter(Boolean).join(' ');
  });
}

/**
 * Splits a grid at its header line (given, else detected); a second header row right below it is merged in
 * (see isSubheader). With `fixedWidth` (XLSX) every record is cut or
 * padded to the header's width; CSV keeps its records as they are, so a short line can be reported.
 */
export function toTable(grid: Grid, headerLine: number | undefined, fixedWidth: boolean): Table | undefined {
  const line = headerLine ?? detectHeaderLine(grid);
  const index = grid.findIndex((r) => r.line === line);
  const headerRecord = grid[index];
  if (!headerRecord) return undefined;
  const lower = grid[index + 1];
  const twoRows = lower !== undefined && lower.line === headerRecord.line + 1 && isSubheader(headerRecord.cells, lower.cells);
  const header = twoRows ? mergeHeader(headerRecord.cells, lower.cells) : headerRecord.cells.map((c) => cellText(c));
  if (fixedWidth) while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const records = grid.slice(index + (twoRows ? 2 : 1)).map((r) => (fixedWidth ? { line: r.line, cells: header.map((_, i) => r.cells[i] ?? null) } : r));
  return { header, headerLine: headerRecord.line, ...(twoRows ? { headerRows: 2 } : {}), records: records.filter((r) => filled(r.cells) > 0) };
}
