import { readCsv } from './csv';
import { parseTable } from './rows';
import { type ImportFormat, type ImportMapping, type ParseResult } from './types';
import { readXlsx } from './xlsx';

/**
 * Parses an uploaded indicator file into rows and rejected entries.
 * Throws MappingError when the mapping names columns the file lacks, ImportFileError when it is unreadable.
 */
export async function parseIndicatorFile(
  bytes: Buffer,
  format: ImportFormat,
  mapping: ImportMapping,
): Promise<ParseResult> {
  const table =
    format === 'csv'
      ? readCsv(bytes, { delimiter: mapping.delimiter, encoding: mapping.encoding, headerLine: mapping.headerRow })
      : await readXlsx(bytes, { sheet: mapping.sheet, headerLine: mapping.headerRow });
  return parseTable(table, mapping);
}
