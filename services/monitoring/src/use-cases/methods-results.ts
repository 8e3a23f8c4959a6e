import { hasRole, type Principal, problems, Roles } from '@sozialraum/kit';
import { currentValues, findIndicators } from '../data/analysis.repository';
import { findMethodVersion, type MethodVersionRecord } from '../data/methods.repository';
import { type IndexResultRecord, newestRuns, resultsOfRuns } from '../data/results.repository';
import type { Queryable } from '../data/settings.repository';
import {
  combinedLabel,
  DYNAMICS_CLASS_LABELS,
  type DynamicsClass,
  STATUS_CLASS_LABELS,
  type StatusClass,
} from '../domain/method';
import type { ValueProtector } from './confidentiality';
import { protectRow } from './indicator-views';
import { methodReference, shiftPeriod } from './methods-recompute';

export function toIndexResult(r: IndexResultRecord) {
  const statusClass = r.statusClass as StatusClass | null;
  const dynamicsClass = r.dynamicsClass as DynamicsClass | null;
  return {
    spaceCode: r.spaceCode,
    spaceName: r.spaceName,
    period: r.period,
    statusIndex: r.statusIndex,
    statusClass,
    statusLabel: statusClass ? STATUS_CLASS_LABELS[statusClass] : null,
    dynamicsIndex: r.dynamicsIndex,
    dynamicsClass,
    dynamicsLabel: dynamicsClass ? DYNAMICS_CLASS_LABELS[dynamicsClass] : null,
    combinedGroup: r.combinedGroup,
    combinedLabel: statusClass && dynamicsClass ? combinedLabel(statusClass, dynamicsClass) : null,
    zValues: r.zValues,
    dynamicsZValues: r.dynamicsZ,
    excluded: r.excluded?.message ?? null,
  };
}

function without(z: Record<string, number>, hidden: (key: string) => boolean): Record<string, number> {
  return Object.fromEntries(Object.entries(z).filter(([key]) => !hidden(key)));
}

/**
 * A z-value next to the published mean and sd gives the value back, so an indicator's z-value of a
 * space leaves only where the caller may see the value itself (dynamics: the values it is made of).
 */
export async function withholdZValues(
  db: Queryable,
  principal: Principal,
  protect: ValueProtector,
  method: MethodVersionRecord,
  results: readonly IndexResultRecord[],
): Promise<IndexResultRecord[]> {
  if (hasRole(principal, Roles.rawData) || results.length === 0) return [...results];
  const { statusIndicators, dynamicsIndicators, dynamicsSource, dynamicsPeriodYears } = method.definition;
  const keys = [...new Set([...statusIndicators, ...dynamicsIndicators].map((i) => i.indicatorKey))];
  const shift = (p: string) => shiftPeriod(p, dynamicsPeriodYears);
  const periods = [...new Set(results.flatMap((r) => (dynamicsSource === 'difference' ? [r.period, shift(r.period)] : [r.period])))];
  const kinds = new Map((await findIndicators(db, keys)).map((i) => [i.key, i.kind]));
  const rows = await currentValues(db, { indicatorKeys: keys, spaceIds: [...new Set(results.map((r) => r.spaceId))], periods });
  const suppressed = new Set(
    rows
      .filter((row) => protectRow(protect, kinds.get(row.indicatorKey) ?? 'rate', row).suppressed)
      .map((row) => `${row.spaceId}|${row.indicatorKey}|${row.period}`),
  );
  const hidden = (r: IndexResultRecord, key: string, period: string) => suppressed.has(`${r.spaceId}|${key}|${period}`);
  return results.map((r) => ({
    ...r,
    zValues: without(r.zValues, (key) => hidden(r, key, r.period)),
    dynamicsZ: without(
      r.dynamicsZ,
      (key) => hidden(r, key, r.period) || (dynamicsSource === 'difference' && hidden(r, key, shift(r.period))),
    ),
  }));
}

export async function methodOr404(db: Queryable, key: string, version: string): Promise<MethodVersionRecord> {
  const method = await findMethodVersion(db, key, version);
  if (!method) throw problems.notFound(`There is no method "${key}" in version "${version}".`);
  return method;
}

/** Indices and classes of one period (default the latest) from the newest run of the method. */
export async function methodResults(
  db: Queryable,
  principal: Principal,
  protect: ValueProtector,
  key: string,
  version: string,
  period?: string,
) {
  const method = await methodOr404(db, key, version);
  const runs = await newestRuns(db, method.id);
  const run = period ? runs.find((r) => r.period === period) : runs.at(-1);
  if (!run) {
    const known = runs.length > 0 ? `Periods with results: ${runs.map((r) => r.period).join(', ')}.` : 'Start a recomputation first.';
    throw problems.notFound(`Method ${methodReference(method)} has no results${period ? ` for period ${period}` : ''}. ${known}`);
  }
  const results = await withholdZValues(db, principal, protect, method, await resultsOfRuns(db, [run.id]));
  return {
    method: methodReference(method),
    period: run.period,
    computedAt: run.computedAt,
    inputReleases: run.inputReleases,
    summary: run.summary,
    items: results.map(toIndexResult),
  };
}
