import { resolveColumns, type ResolvedColumns } from './columns';
import { detectDecimalStyle, readCell, type CellReading, type DecimalStyle } from './numbers';
import { normalisePeriod } from './period';
import { cellText, type Cell, type Table, type TableRecord } from './table';
import { type CellNoteRow, type ImportMapping, type LongMapping, type ParsedRow, type ParseResult, type RejectedRow } from './types';

/**
 * Applies a mapping to a table. Every problem with a line becomes a rejected entry; rows that pass are kept.
 * Empty value cells mean "no value": in the wide layout they are skipped silently; in the long layout a line
 * exists only to carry its value, so it is rejected. A statistical symbol ("." secret, "x" …) is no value
 * either, never an error: it becomes a note with its reason (see readCell).
 */
export function parseTable(table: Table, mapping: ImportMapping): ParseResult {
  const result: ParseResult = { rows: [], rejected: [], notes: [], totalRows: table.records.length };
  const columns = resolveColumns(table.header, mapping);
  const parser = recordParser(table.header, mapping, mapping.decimal ?? detectDecimalStyle(valueTexts(table.records, columns)), result);
  for (const record of table.records) parser.parse(record);
  return result;
}

/** Where a parser puts what it reads: arrays, or a stream's current batch. */
export interface ParseOutput {
  rows: { push(row: ParsedRow): unknown };
  rejected: { push(row: RejectedRow): unknown };
  notes: { push(note: CellNoteRow): unknown };
}

export interface RecordParser {
  columns: ResolvedColumns;
  /** The number format values are read in; a stream may settle it only after its first lines. */
  style: DecimalStyle;
  parse(record: TableRecord): void;
}

/**
 * Parses records one at a time (a file read as a stream): the same checks as parseTable, with duplicates
 * found over every record parsed so far. Throws MappingError when the mapping does not fit the header.
 */
export function recordParser(header: string[], mapping: ImportMapping, style: DecimalStyle, out: ParseOutput): RecordParser {
  const ctx: Context = { width: header.length, mapping, columns: resolveColumns(header, mapping), style, out, firstLines: new FirstLines() };
  return {
    columns: ctx.columns,
    get style() {
      return ctx.style;
    },
    set style(next: DecimalStyle) {
      ctx.style = next;
    },
    parse: (record) => parseRecord(ctx, record),
  };
}

interface Context {
  width: number;
  mapping: ImportMapping;
  columns: ResolvedColumns;
  style: DecimalStyle;
  out: ParseOutput;
  firstLines: FirstLines;
}

/**
 * The first line of every (space, indicator, period), kept compactly: per space and period an array of lines
 * by indicator number, 4 bytes a value, so ten million values take tens of MB rather than a string key each.
 */
class FirstLines {
  private readonly indicators = new Map<string, number>();
  private readonly lines = new Map<string, Int32Array>();
  private lastSpace = '';
  private lastPeriod = '';
  private lastKey = '';

  /** The line the key was first seen on; undefined the first time (and `line` is remembered). */
  firstOf(spaceCode: string, indicatorKey: string, period: string, line: number): number | undefined {
    let indicator = this.indicators.get(indicatorKey);
    if (indicator === undefined) {
      indicator = this.indicators.size;
      this.indicators.set(indicatorKey, indicator);
    }
    // A wide line asks for one space and period many times in a row: its key is made once.
    if (spaceCode !== this.lastSpace || period !== this.lastPeriod) {
      this.lastSpace = spaceCode;
      this.lastPeriod = period;
      this.lastKey = `${spaceCode}\u0000${period}`;
    }
    const key = this.lastKey;
    let lines = this.lines.get(key);
    if (!lines || lines.length <= indicator) {
      const grown = new Int32Array(Math.max(this.indicators.size, (lines?.length ?? 0) * 2));
      if (lines) grown.set(lines);
      this.lines.set(key, grown);
      lines = grown;
    }
    const first = lines[indicator]!;
    if (first !== 0) return first;
    lines[indicator] = line;
    return undefined;
  }
}

type Reject = (column: string | null, reason: string) => void;
type RowBase = Pick<ParsedRow, 'line' | 'spaceCode' | 'period'>;

function parseRecord(ctx: Context, { line, cells }: TableRecord): void {
  const { columns, mapping, width } = ctx;
  const reject: Reject = (column, reason) => {
    ctx.out.rejected.push({ line, column, reason });
  };
  if (mapping.layout === 'wide' && isTextLine(cells, columns)) return;
  if (cells.length !== width) {
    return reject(null, `wrong number of cells: expected ${width}, found ${cells.length}`);
  }
  const spaceCode = cellText(cells[columns.space]);
  if (spaceCode === '') return reject(mapping.spaceColumn, 'missing space code');
  const periodCell = columns.period === undefined ? columns.fixedPeriod : cells[columns.period];
  const period = normalisePeriod(periodCell);
  // Columns with periods of their own need no period for the line.
  const dated = mapping.layout === 'wide' && columns.period === undefined && columns.fixedPeriod === undefined && columns.wide.every((w) => w.period !== undefined);
  if (period === null && !dated) {
    const text = cellText(periodCell);
    return reject(mapping.periodColumn ?? null, text === '' ? 'missing period' : `invalid period: "${text}"`);
  }
  const base = { line, spaceCode, period: period ?? '' };
  if (mapping.layout === 'wide') parseWide(ctx, cells, base, reject);
  else parseLong(ctx, mapping, cells, base, reject);
}

/**
 * A title, source or footnote line around a wide table ("Quelle: …", "1) vorläufig") fills one cell outside
 * the value columns: it carries no value, so it is passed over rather than reported.
 */
function isTextLine(cells: Cell[], columns: ResolvedColumns): boolean {
  let filled = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cellText(cells[i]) === '') continue;
    if (filled !== -1) return false; // a second filled cell: a data line (the common case, found at once)
    filled = i;
  }
  return filled !== -1 && !columns.wide.some((w) => w.index === filled);
}

function parseWide(ctx: Context, cells: Cell[], base: RowBase, reject: Reject): void {
  for (const { index, column, indicatorKey, period } of ctx.columns.wide) {
    const reading = readingOf(ctx, cells[index]);
    const at = period === undefined ? base : { ...base, period };
    if (reading.kind === 'invalid') reject(column, `not a number: "${cellText(cells[index])}"`);
    else if (reading.kind !== 'empty') {
      if (reading.notes.length > 0) noteMarks(ctx, reading, { ...at, column, indicatorKey });
      if (reading.kind === 'number') addRow(ctx, { line: at.line, spaceCode: at.spaceCode, period: at.period, column, indicatorKey, value: reading.value });
    }
  }
}

/** Keeps what a cell's symbols and marks say, with the value stored for it (if any). */
function noteMarks(ctx: Context, reading: CellReading, where: RowBase & { column: string; indicatorKey: string }): void {
  if (reading.kind !== 'number' && reading.kind !== 'missing') return;
  for (const note of reading.notes) {
    ctx.out.notes.push({
      line: where.line,
      column: where.column,
      space: where.spaceCode,
      indicator: where.indicatorKey,
      period: where.period,
      symbol: note.symbol,
      reason: note.reason,
      value: reading.kind === 'number' ? reading.value : null,
    });
  }
}

function parseLong(ctx: Context, mapping: LongMapping, cells: Cell[], base: RowBase, reject: Reject): void {
  const { columns } = ctx;
  const sourceParts = columns.indicator.map((i) => cellText(cells[i]));
  if (sourceParts.some((part) => part === '')) {
    return reject([mapping.indicatorColumn].flat().join(', '), 'missing indicator');
  }
  const source = sourceParts.join('/');
  const map = mapping.indicatorMap;
  const indicatorKey = (map && Object.hasOwn(map, source) ? map[source] : undefined) ?? source;
  const numbers: Partial<Record<'value' | 'numerator' | 'denominator', number>> = {};
  const numberColumns = [
    ['value', mapping.valueColumn, columns.value],
    ['numerator', mapping.numeratorColumn, columns.numerator],
    ['denominator', mapping.denominatorColumn, columns.denominator],
  ] as const;
  const readings: CellReading[] = [];
  for (const [field, column, index] of numberColumns) {
    if (index === undefined || column === undefined) continue;
    const reading = readingOf(ctx, cells[index]);
    if (reading.kind === 'invalid') return reject(column, `not a number: "${cellText(cells[index])}"`);
    if (reading.kind === 'number') numbers[field] = reading.value;
    if (field === 'value') readings.push(reading);
  }
  const valueReading = readings[0];
  if (valueReading?.kind === 'missing') return noteMarks(ctx, valueReading, { ...base, column: mapping.valueColumn, indicatorKey });
  if (numbers.value === undefined) return reject(mapping.valueColumn, 'missing value');
  if (valueReading) noteMarks(ctx, valueReading, { ...base, column: mapping.valueColumn, indicatorKey });
  addRow(ctx, { ...base, column: mapping.valueColumn, indicatorKey, ...numbers, value: numbers.value });
}

function addRow(ctx: Context, row: ParsedRow): void {
  const first = ctx.firstLines.firstOf(row.spaceCode, row.indicatorKey, row.period, row.line);
  if (first !== undefined) {
    ctx.out.rejected.push({
      line: row.line,
      column: row.column,
      reason: `duplicate row (same space, indicator and period as line ${first})`,
    });
    return;
  }
  ctx.out.rows.push(row);
}

function readingOf(ctx: Context, cell: Cell | undefined): CellReading {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { kind: 'number', value: cell, notes: [] } : { kind: 'invalid' };
  if (cell instanceof Date) return { kind: 'invalid' };
  return readCell(cellText(cell), ctx.style);
}

/** Text of every value-bearing cell: what the number format is decided on. */
export function* valueTexts(records: Iterable<TableRecord>, columns: ResolvedColumns): Iterable<string> {
  const indexes = [columns.value, columns.numerator, columns.denominator, ...columns.wide.map((w) => w.index)];
  for (const record of records) {
    for (const i of indexes) {
      const cell = i === undefined ? undefined : record.cells[i];
      if (typeof cell === 'string') yield cell;
    }
  }
}
