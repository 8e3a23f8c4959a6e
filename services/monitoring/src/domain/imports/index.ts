export { parseIndicatorFile } from './parse';
export { parseTable } from './rows';
export { readCsv } from './csv';
export { readXlsx } from './xlsx';
export { validateRows, type Catalogue, type IndicatorKind, type IndicatorRule } from './validate';
export { normalisePeriod, isYearPeriod, type Period } from './period';
export { detectDecimalStyle, parseNumber, placeholderValue, type DecimalStyle } from './numbers';
export { type Cell, type Table, type TableRecord } from './table';
export {
  ImportFileError,
  MappingError,
  type ImportFormat,
  type ImportMapping,
  type LongMapping,
  type ParsedRow,
  type ParseResult,
  type RejectedRow,
  type WideMapping,
} from './types';
