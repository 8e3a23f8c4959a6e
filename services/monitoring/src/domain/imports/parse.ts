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
  const table = format === 'csv' ? readCsv(bytes, mapping.delimiter) : await readXlsx(bytes, mapping.sheet);
  return parseTable(table, mapping);
}
