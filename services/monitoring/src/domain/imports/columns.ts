import { normalisePeriod, type Period } from './period';
import { MappingError, type ImportMapping } from './types';

/** Header positions of every column the mapping names, plus the fixed period of a wide file. */
export interface ResolvedColumns {
  space: number;
  period?: number;
  fixedPeriod?: Period;
  indicator: number[];
  value?: number;
  numerator?: number;
  denominator?: number;
  /** Wide layout: header position → indicator key. */
  wide: Array<{ index: number; column: string; indicatorKey: string; period?: Period }>;
}

/** Checks the whole mapping against the header at once, so the user sees every problem in one go. */
export function resolveColumns(header: string[], mapping: ImportMapping): ResolvedColumns {
  const problems: string[] = [];
  const find = (column: string): number => {
    const count = header.filter((h) => h === column).length;
    if (count === 0) problems.push(`unknown column "${column}" in mapping`);
    if (count > 1) problems.push(`ambiguous column "${column}": it appears ${count} times in the header`);
    return header.indexOf(column);
  };
  const optional = (column: string | undefined) => (column === undefined ? undefined : find(column));
  const resolved: ResolvedColumns = { space: find(mapping.spaceColumn), indicator: [], wide: [] };

  if (mapping.layout === 'long') {
    resolved.period = find(mapping.periodColumn);
    const indicatorColumns = [mapping.indicatorColumn].flat();
    if (indicatorColumns.length === 0) problems.push('no indicator column in mapping');
    resolved.indicator = indicatorColumns.map(find);
    resolved.value = find(mapping.valueColumn);
    resolved.numerator = optional(mapping.numeratorColumn);
    resolved.denominator = optional(mapping.denominatorColumn);
  } else {
    resolved.period = optional(mapping.periodColumn);
    if (mapping.periodColumn !== undefined && mapping.period !== undefined) {
      problems.push('give either "periodColumn" or "period" in mapping, not both');
    } else if (mapping.period !== undefined) {
      resolved.fixedPeriod = normalisePeriod(mapping.period) ?? undefined;
      if (!resolved.fixedPeriod) problems.push(`invalid period "${mapping.period}" in mapping`);
    }
    const entries = Object.entries(mapping.columns);
    const ownPeriods = mapping.columnPeriods ?? {};
    for (const column of Object.keys(ownPeriods)) if (!Object.hasOwn(mapping.columns, column)) problems.push(`column "${column}" has a period in "columnPeriods" but no indicator in "columns"`);
    const everyColumnDated = entries.length > 0 && entries.every(([column]) => Object.hasOwn(ownPeriods, column));
    if (mapping.period === undefined && mapping.periodColumn === undefined && !everyColumnDated) {
      problems.push('wide layout needs "periodColumn", "period" or a period for every column in "columnPeriods"');
    }
    if (entries.length === 0) problems.push('no indicator columns in mapping');
    const seen = new Map<string, string>();
    for (const [column, indicatorKey] of entries) {
      const key = indicatorKey.trim();
      if (key === '') problems.push(`column "${column}" is mapped to an empty indicator key`);
      // A column of its own period (under a two-row header "Einwohner / 2023") may share its indicator.
      const period = Object.hasOwn(ownPeriods, column) ? (normalisePeriod(ownPeriods[column]!) ?? undefined) : undefined;
      if (Object.hasOwn(ownPeriods, column) && !period) problems.push(`invalid period "${ownPeriods[column]}" for column "${column}" in mapping`);
      const other = seen.get(`${key}@${period ?? ''}`);
      if (other !== undefined) problems.push(`indicator "${key}" is mapped from both "${other}" and "${column}"`);
      seen.set(`${key}@${period ?? ''}`, column);
      resolved.wide.push({ index: find(column), column, indicatorKey: key, ...(period ? { period } : {}) });
    }
  }
  if (problems.length > 0) throw new MappingError(problems, header);
  resolved.wide.sort((a, b) => a.index - b.index); // file order, whatever order the stored mapping's keys took
  return resolved;
}
