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
const HEADER_SEARCH_LINES = 30;

/**
 * The header of a statistical table: the first line that fills at least two cells and most of the width of
 * the lines below it, with mostly text — title lines above it fill one cell (often merged across the table).
 * A plain file's header is its first line.
 */
export function detectHeaderLine(grid: Grid): number | undefined {
  const head = grid.slice(0, HEADER_SEARCH_LINES);
  const widest = Math.max(0, ...grid.slice(0, HEADER_SEARCH_LINES * 2).map((r) => filled(r.cells)));
  const header = head.find(({ cells }) => {
    const count = filled(cells);
    const texts = cells.filter((c) => cellText(c) !== '' && !isNumeric(c)).length;
    return count >= Math.max(2, Math.ceil(widest * 0.6)) && texts * 2 > count;
  });
  return (header ?? head[0])?.line;
}

/**
 * Splits a grid at its header line (given, else detected). With `fixedWidth` (XLSX) every record is cut or
 * padded to the header's width; CSV keeps its records as they are, so a short line can be reported.
 */
export function toTable(grid: Grid, headerLine: number | undefined, fixedWidth: boolean): Table | undefined {
  const line = headerLine ?? detectHeaderLine(grid);
  const index = grid.findIndex((r) => r.line === line);
  const headerRecord = grid[index];
  if (!headerRecord) return undefined;
  const header = headerRecord.cells.map((c) => cellText(c));
  if (fixedWidth) while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const records = grid.slice(index + 1).map((r) => (fixedWidth ? { line: r.line, cells: header.map((_, i) => r.cells[i] ?? null) } : r));
  return { header, headerLine: headerRecord.line, records: records.filter((r) => filled(r.cells) > 0) };
}
