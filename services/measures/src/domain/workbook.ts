import ExcelJS from 'exceljs';
import { columnSum, EXPORT_COLUMNS, type ColumnKind, type ExportRow, type ExportValue } from './export-columns';

/** Excel number formats; Excel shows them with the reader's separators (1.234,50 € in German Excel). */
const NUMBER_FORMATS: Readonly<Record<ColumnKind, string | undefined>> = {
  text: undefined,
  integer: '0',
  money: '#,##0.00 "€"',
  date: 'dd.mm.yyyy',
};

export const SHEET_NAME = 'Maßnahmen';

/** A calendar date as Excel's date (midnight UTC, which exceljs writes as a whole day number). */
const cellValue = (kind: ColumnKind, value: ExportValue): ExcelJS.CellValue =>
  kind === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;

/**
 * The overview's list as a workbook: one sheet "Maßnahmen", German headers (frozen, with filters), numbers as
 * numbers, dates as dates, budgets in €, and a sums row under the list whose formulas Excel keeps current
 * (with their results stored, for readers that do not calculate). The filter covers the list only, so sorting
 * leaves the sums row where it is.
 */
export async function overviewWorkbook(rows: readonly ExportRow[], created = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sozialraum';
  workbook.created = created;
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(EXPORT_COLUMNS.map((c) => cellValue(c.kind, c.value(row))));
  const last = rows.length + 1;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: EXPORT_COLUMNS.length } };
  const sums = sheet.addRow(
    EXPORT_COLUMNS.map((column, i) => {
      if (i === 0) return `Summe (${rows.length} ${rows.length === 1 ? 'Maßnahme' : 'Maßnahmen'})`;
      if (!column.summed) return null;
      const letter = sheet.getColumn(i + 1).letter;
      return rows.length > 0 ? { formula: `SUM(${letter}2:${letter}${last})`, result: columnSum(column, rows) } : 0;
    }),
  );
  sums.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
