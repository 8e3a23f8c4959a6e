export { parseIndicatorFile } from './parse';
export { parseIndicatorStream, ReadAgain, type ParseBatch } from './stream';
export { parseTable } from './rows';
export { readCsv, readCsvGrid, detectDelimiter, type Delimiter, type TextEncoding } from './csv';
export { readXlsx, readXlsxGrid } from './xlsx';
export { validateRows, type Catalogue, type IndicatorKind, type IndicatorRule } from './validate';
export { normalisePeriod, isYearPeriod, type Period } from './period';
export { detectDecimalStyle, parseNumber, readCell, type CellReading, type CellReason, type DecimalStyle } from './numbers';
export { cellText, detectHeaderLine, toTable, type Cell, type Grid, type Table, type TableRecord } from './table';
export { normaliseSpaceName, spaceMatcher, type SpaceEntry, type SpaceMatch } from './spaces';
export {
  ImportFileError,
  MappingError,
  type CellNoteRow,
  type ImportFormat,
  type ImportMapping,
  type LongMapping,
  type ParsedRow,
  type ParseResult,
  type RejectedRow,
  type WideMapping,
} from './types';
export { previewTable, type TablePreview, type ColumnPreview } from './preview';
