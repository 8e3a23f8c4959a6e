import { resolveColumns, type ResolvedColumns } from './columns';
import { detectDecimalStyle, parseNumber, placeholderValue, type DecimalStyle } from './numbers';
import { normalisePeriod } from './period';
import { cellText, type Cell, type Table, type TableRecord } from './table';
import { type ImportMapping, type LongMapping, type ParsedRow, type ParseResult, type RejectedRow } from './types';

/**
 * Applies a mapping to a table. Every problem with a line becomes a rejected entry; rows that pass are kept.
 * Empty value cells (and "." or "x", see placeholderValue) mean "no value": in the wide layout they are
 * skipped silently; in the long layout a line exists only to carry its value, so it is rejected.
 */
export function parseTable(table: Table, mapping: ImportMapping): ParseResult {
  const columns = resolveColumns(table.header, mapping);
  const ctx: Context = {
    table,
    mapping,
    columns,
    style: mapping.decimal ?? detectDecimalStyle(valueTexts(table, columns)),
    rows: [],
    rejected: [],
    firstLineByKey: new Map(),
  };
  for (const record of table.records) parseRecord(ctx, record);
  return { rows: ctx.rows, rejected: ctx.rejected, totalRows: table.records.length };
}

interface Context {
  table: Table;
  mapping: ImportMapping;
  columns: ResolvedColumns;
  style: DecimalStyle;
  rows: ParsedRow[];
  rejected: RejectedRow[];
  firstLineByKey: Map<string, number>;
}

type Reject = (column: string | null, reason: string) => void;
type RowBase = Pick<ParsedRow, 'line' | 'spaceCode' | 'period'>;

function parseRecord(ctx: Context, { line, cells }: TableRecord): void {
  const { columns, mapping, table } = ctx;
  const reject: Reject = (column, reason) => {
    ctx.rejected.push({ line, column, reason });
  };
  if (cells.length !== table.header.length) {
    return reject(null, `wrong number of cells: expected ${table.header.length}, found ${cells.length}`);
  }
  const spaceCode = cellText(cells[columns.space]);
  if (spaceCode === '') return reject(mapping.spaceColumn, 'missing space code');
  const periodCell = columns.period === undefined ? columns.fixedPeriod : cells[columns.period];
  const period = normalisePeriod(periodCell);
  if (period === null) {
    const text = cellText(periodCell);
    return reject(mapping.periodColumn ?? null, text === '' ? 'missing period' : `invalid period: "${text}"`);
  }
  const base = { line, spaceCode, period };
  if (mapping.layout === 'wide') parseWide(ctx, cells, base, reject);
  else parseLong(ctx, mapping, cells, base, reject);
}

function parseWide(ctx: Context, cells: Cell[], base: RowBase, reject: Reject): void {
  for (const { index, column, indicatorKey } of ctx.columns.wide) {
    const value = numberIn(ctx, cells[index]);
    if (value === null) reject(column, `not a number: "${cellText(cells[index])}"`);
    else if (value !== undefined) addRow(ctx, { ...base, column, indicatorKey, value });
  }
}

function parseLong(ctx: Context, mapping: LongMapping, cells: Cell[], base: RowBase, reject: Reject): void {
  const { columns } = ctx;
  const sourceParts = columns.indicator.map((i) => cellText(cells[i]));
  if (sourceParts.some((part) => part === '')) {
    return reject([mapping.indicatorColumn].flat().join(', '), 'missing indicator');
  }
  const numbers: Partial<Record<'value' | 'numerator' | 'denominator', number>> = {};
  const numberColumns = [
    ['value', mapping.valueColumn, columns.value],
    ['numerator', mapping.numeratorColumn, columns.numerator],
    ['denominator', mapping.denominatorColumn, columns.denominator],
  ] as const;
  for (const [field, column, index] of numberColumns) {
    if (index === undefined || column === undefined) continue;
    const n = numberIn(ctx, cells[index]);
    if (n === null) return reject(column, `not a number: "${cellText(cells[index])}"`);
    if (n !== undefined) numbers[field] = n;
  }
  if (numbers.value === undefined) return reject(mapping.valueColumn, 'missing value');
  const source = sourceParts.join('/');
  const map = mapping.indicatorMap;
  const indicatorKey = (map && Object.hasOwn(map, source) ? map[source] : undefined) ?? source;
  addRow(ctx, { ...base, column: mapping.valueColumn, indicatorKey, ...numbers, value: numbers.value });
}

function addRow(ctx: Context, row: ParsedRow): void {
  const key = `${row.spaceCode}\u0000${row.indicatorKey}\u0000${row.period}`;
  const first = ctx.firstLineByKey.get(key);
  if (first !== undefined) {
    ctx.rejected.push({
      line: row.line,
      column: row.column,
      reason: `duplicate row (same space, indicator and period as line ${first})`,
    });
    return;
  }
  ctx.firstLineByKey.set(key, row.line);
  ctx.rows.push(row);
}

/** undefined for an empty cell, null for a cell that is not a number. */
function numberIn(ctx: Context, cell: Cell | undefined): number | null | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const text = cellText(cell);
  if (text === '') return undefined;
  if (cell instanceof Date) return null;
  const placeholder = placeholderValue(text);
  return placeholder === null ? parseNumber(text, ctx.style) : placeholder;
}

/** Text of every value-bearing cell: what the number format is decided on. */
function* valueTexts(table: Table, columns: ResolvedColumns): Iterable<string> {
  const indexes = [columns.value, columns.numerator, columns.denominator, ...columns.wide.map((w) => w.index)];
  for (const record of table.records) {
    for (const i of indexes) {
      const cell = i === undefined ? undefined : record.cells[i];
      if (typeof cell === 'string') yield cell;
    }
  }
}
