import { csvLine, GERMAN_EXCEL } from './csv';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow, type ExportValue } from './export-columns';

/** 2025-03-01 → 01.03.2025, which German Excel reads as a date. */
const germanDate = (iso: string): string => iso.split('-').reverse().join('.');

const cellOf = (column: ExportColumn, value: ExportValue) => (column.kind === 'date' && typeof value === 'string' ? germanDate(value) : value);

/**
 * The list for German Excel opened by double-click: a UTF-8 byte order mark (else Excel reads ANSI and
 * garbles umlauts), semicolons, decimal commas, dates as TT.MM.JJJJ, German headers. No sums row: the file
 * stays a plain table that sorts and filters whole.
 */
export function germanCsv(rows: readonly ExportRow[]): string {
  const lines = rows.map((row) => csvLine(EXPORT_COLUMNS.map((column) => cellOf(column, column.value(row))), GERMAN_EXCEL));
  return `\uFEFF${csvLine(EXPORT_COLUMNS.map((c) => c.header), GERMAN_EXCEL)}${lines.join('')}`;
}
