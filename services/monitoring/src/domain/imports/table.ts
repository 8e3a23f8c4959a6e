/** A cell as read: CSV gives strings, XLSX also numbers and dates; null is an empty cell. */
export type Cell = string | number | Date | null;

export interface TableRecord {
  line: number;
  cells: Cell[];
}

/** A file read into header + records, before any mapping is applied. */
export interface Table {
  header: string[];
  records: TableRecord[];
}

/** Trimmed text of a cell; '' for empty. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}
