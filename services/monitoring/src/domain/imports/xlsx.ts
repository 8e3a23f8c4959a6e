import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ArchiveError, checkZipStream, unzipWithinLimits } from '../archive';
import { type Cell, type Grid, type Table, type TableRecord, toTable } from './table';
import { ImportFileError, MappingError } from './types';

export interface XlsxGrid {
  grid: Grid;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
  sheet: string;
}

/** Reads one sheet (named, else the first) as rows of cells, numbers and dates kept as such. */
export async function readXlsxGrid(bytes: Buffer, sheet?: string): Promise<XlsxGrid> {
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
  const sheets = workbook.worksheets.map((w) => w.name);
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    if (sheet === undefined) throw new ImportFileError('the workbook has no sheets');
    throw unknownSheet(sheet, sheets);
  }
  const grid: Grid = [];
  worksheet.eachRow((row, line) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // A merged title repeats its text in every cell it covers; only the first holds it.
      if (cell.isMerged && cell.master !== cell) cells[col - 1] = null;
      else cells[col - 1] = zeroPadded(cell.value, cell.numFmt) ?? toCell(cell.value);
    });
    grid.push({ line, cells: Array.from(cells, (c) => c ?? null) });
  });
  return { grid, sheets, sheet: worksheet.name };
}

/** What exceljs's stream reader knows at run time and does not declare. */
type StreamedWorkbook = ExcelJS.stream.xlsx.WorkbookReader & { model?: { sheets?: { name: string }[] } };
type StreamedSheet = ExcelJS.stream.xlsx.WorksheetReader & { name?: string };

/**
 * One sheet's non-empty rows (named, else the first), read as a stream: memory holds a row and the workbook's
 * shared strings and styles, never the workbook. The archive is first read once to check it against the
 * ZIP limits (nothing kept), then by exceljs's WorkbookReader, which parks sheets that come before the shared
 * strings (as Excel writes them) in a temporary file. Merged cells other than the first hold no value in the
 * file, so they are empty here as in readXlsxGrid.
 */
export async function* xlsxRecords(chunks: () => AsyncIterable<Buffer>, sheet?: string): AsyncGenerator<TableRecord> {
  try {
    await checkZipStream(chunks());
  } catch (e) {
    if (e instanceof ArchiveError) throw new ImportFileError(`cannot read the XLSX file: ${e.message}`);
    throw e;
  }
  const input = Readable.from(chunks());
  const reader: StreamedWorkbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let found = false;
  try {
    for await (const worksheet of reader as AsyncIterable<StreamedSheet>) {
      if (worksheet.name !== (sheet ?? reader.model?.sheets?.[0]?.name ?? worksheet.name)) continue; // the reader drains it
      found = true;
      for await (const row of worksheet) {
        if (!row.hasValues) continue;
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = zeroPadded(cell.value, cell.numFmt) ?? toCell(cell.value);
        });
        yield { line: row.number, cells: Array.from(cells, (c) => c ?? null) };
      }
      break;
    }
  } catch (e) {
    if (e instanceof ImportFileError || e instanceof MappingError) throw e;
    throw new ImportFileError(`cannot read the XLSX file: ${(e as Error).message}`);
  } finally {
    input.destroy();
  }
  if (found) return;
  const sheets = (reader.model?.sheets ?? []).map((s) => s.name);
  if (sheet === undefined || sheets.length === 0) throw new ImportFileError('the workbook has no sheets');
  throw unknownSheet(sheet, sheets);
}

const unknownSheet = (sheet: string, sheets: string[]) => new MappingError([`unknown sheet "${sheet}" in mapping (sheets: ${sheets.map((n) => `"${n}"`).join(', ')})`], []);

/** One sheet as header + records; the header is row `headerLine` or detected below title rows. */
export async function readXlsx(bytes: Buffer, options: { sheet?: string; headerLine?: number } = {}): Promise<Table> {
  const { grid } = await readXlsxGrid(bytes, options.sheet);
  const table = toTable(grid, options.headerLine, true);
  if (!table || table.header.length === 0) {
    throw new ImportFileError(options.headerLine ? `the sheet has no header in row ${options.headerLine}` : 'the sheet has no header row');
  }
  return table;
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
