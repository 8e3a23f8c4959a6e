import ExcelJS from 'exceljs';
import { ArchiveError, unzipWithinLimits } from '../archive';
import { type Cell, type Table } from './table';
import { ImportFileError, MappingError } from './types';

/** Reads one sheet (named, else the first): header in row 1, numbers and dates kept as such. */
export async function readXlsx(bytes: Buffer, sheet?: string): Promise<Table> {
  try {
    // exceljs unpacks whatever the workbook's ZIP holds: it gets only a workbook that unpacks within the limits.
    unzipWithinLimits(bytes);
  } catch (e) {
    if (e instanceof ArchiveError) throw new ImportFileError(`cannot read the XLSX file: ${e.message}`);
    throw e;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer) that Node's Buffer no longer matches; Buffers work.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportFileError(`cannot read the XLSX file: ${(e as Error).message}`);
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    if (sheet === undefined) throw new ImportFileError('the workbook has no sheets');
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ');
    throw new MappingError([`unknown sheet "${sheet}" in mapping (sheets: ${names})`], []);
  }
  const header: string[] = [];
  worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    header[col - 1] = String(toCell(cell.value) ?? '').trim();
  });
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new ImportFileError('the sheet has no header in row 1');

  const records: Table['records'] = [];
  worksheet.eachRow((row, line) => {
    if (line === 1) return;
    const cells = header.map((_, i) => {
      const cell = row.getCell(i + 1);
      return zeroPadded(cell.value, cell.numFmt) ?? toCell(cell.value);
    });
    if (cells.some((c) => c !== null && c !== '')) records.push({ line, cells });
  });
  return { header, records };
}

// Codes like 01100101 are often stored as numbers shown with the format "00000000"; the format keeps the zeros.
function zeroPadded(value: ExcelJS.CellValue, numFmt: string | undefined): string | undefined {
  if (typeof value !== 'number' || !numFmt || !/^0+$/.test(numFmt) || !Number.isInteger(value)) return undefined;
  return String(value).padStart(numFmt.length, '0');
}

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('result' in value) return toCell(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('hyperlink' in value) return value.text.trim();
  if ('error' in value) return value.error;
  return null;
}
