/**
 * CSV for spreadsheets (RFC 4180, CRLF). A text cell that a spreadsheet would run as a formula (starting with
 * = + - @ or a tab/CR) gets a leading apostrophe; numbers stay numbers. German Excel expects the other
 * dialect: semicolons between cells and a decimal comma.
 */
export type Cell = string | number | boolean | null | undefined;

export interface CsvDialect {
  separator: ',' | ';';
  decimalComma: boolean;
}

export const RFC_4180: CsvDialect = { separator: ',', decimalComma: false };
export const GERMAN_EXCEL: CsvDialect = { separator: ';', decimalComma: true };

export function csvCell(value: Cell, dialect: CsvDialect = RFC_4180): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return dialect.decimalComma ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(dialect.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[], dialect: CsvDialect = RFC_4180): string {
  return `${cells.map((cell) => csvCell(cell, dialect)).join(dialect.separator)}\r\n`;
}
