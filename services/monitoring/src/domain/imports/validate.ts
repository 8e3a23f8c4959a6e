import type { SpaceMatch } from './spaces';
import { type ParsedRow, type RejectedRow } from './types';

export type IndicatorKind = 'rate' | 'share' | 'count' | 'mean';

/** min/max, when given, replace the kind's default bounds (e.g. a change in percentage points may be negative). */
export interface IndicatorRule {
  kind: IndicatorKind;
  min?: number;
  max?: number;
}

export interface Catalogue {
  /** The space a cell names (code or name, see spaceMatcher). */
  space: (text: string) => SpaceMatch;
  indicators: ReadonlyMap<string, IndicatorRule>;
}

const DEFAULT_BOUNDS: Record<IndicatorKind, { min?: number; max?: number }> = {
  share: { min: 0, max: 100 },
  count: { min: 0 },
  rate: { min: 0 },
  mean: {},
};

/** Second step after parsing: checks rows against the catalogue of spaces and indicators; kept rows carry the space's code. */
export function validateRows(
  rows: readonly ParsedRow[],
  catalogue: Catalogue,
): { rows: ParsedRow[]; rejected: RejectedRow[] } {
  const kept: ParsedRow[] = [];
  const rejected: RejectedRow[] = [];
  // A wide line with an unknown space yields one entry, not one per indicator column.
  const reported = new Set<string>();
  const reject = (row: ParsedRow, column: string | null, reason: string) => {
    const key = `${row.line}\u0000${reason}`;
    if (!reported.has(key)) rejected.push({ line: row.line, column, reason });
    reported.add(key);
  };
  const matches = new Map<string, SpaceMatch>();
  for (const row of rows) {
    const rule = catalogue.indicators.get(row.indicatorKey);
    const space = matches.get(row.spaceCode) ?? catalogue.space(row.spaceCode);
    matches.set(row.spaceCode, space);
    if ('problem' in space) reject(row, null, space.problem);
    else if (!rule) reject(row, null, `unknown indicator "${row.indicatorKey}"`);
    else {
      const problem = valueProblem(row, rule);
      if (problem) reject(row, row.column, problem);
      else kept.push(space.code === row.spaceCode ? row : { ...row, spaceCode: space.code });
    }
  }
  return { rows: kept, rejected };
}

function valueProblem(row: ParsedRow, rule: IndicatorRule): string | undefined {
  const min = rule.min ?? DEFAULT_BOUNDS[rule.kind].min;
  const max = rule.max ?? DEFAULT_BOUNDS[rule.kind].max;
  const { value, numerator, denominator } = row;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const allowed = `${min ?? '-∞'} to ${max ?? '∞'}`;
    return `value out of range for ${rule.kind} indicator "${row.indicatorKey}": ${value} (allowed ${allowed})`;
  }
  if (rule.kind === 'count' && !Number.isInteger(value)) {
    return `value out of range for count indicator "${row.indicatorKey}": ${value} is not a whole number`;
  }
  if (numerator !== undefined && numerator < 0) return `numerator must not be negative: ${numerator}`;
  if (denominator !== undefined && denominator <= 0) return `denominator must be greater than 0: ${denominator}`;
  return undefined;
}
