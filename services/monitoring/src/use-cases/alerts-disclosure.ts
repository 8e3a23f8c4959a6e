import { peerValues } from '../data/analysis.repository';
import type { AlertRecord } from '../data/alerts.repository';
import { resolveMethod } from '../data/methods.repository';
import { type IndexResultRecord, resultsOfRuns } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { mean, standardDeviation } from '../domain/method';
import { discloseSections, type Disclosure, type SectionRow } from './disclosure';
import { visible } from './indicator-views';
import { runsFor } from './methods-results';

/**
 * Alerts are raised on all values (planners act on them), so what they state may rest on values others may not
 * see. For a caller without raw-data, each alert is restated from the disclosed values and the disclosed index
 * results: its figures (the space's value, mean, sd, n, threshold; the series; the index) are computed from them
 * alone. Where those do not show what the alert says — the space's value or index is withheld, or the visible
 * values do not cross the line — the alert is withheld: it stays listed (coordinators and the strategy service
 * act on it), but with no rule, indicator, message or figure.
 */

type Evidence = Record<string, unknown>;

export const WITHHELD_MESSAGE = 'Hinweis beruht auf Werten, die der Geheimhaltung unterliegen';

function withheld(alert: AlertRecord): AlertRecord {
  return { ...alert, ruleKey: 'withheld', indicatorKey: '', message: WITHHELD_MESSAGE, evidence: { kind: 'withheld' } };
}

interface Context {
  disclosure: Disclosure;
  rowOf: (code: string, key: string, period: string) => SectionRow | undefined;
  peersOf: (row: SectionRow) => SectionRow[];
  indexOf: (spaceId: number, period: string) => IndexResultRecord | undefined;
}

/** The space's own value as the caller sees it; null when it is not the alert's space version or is withheld. */
function ownValue(ctx: Context, alert: AlertRecord, period: string): { row: SectionRow; value: number } | null {
  const row = ctx.rowOf(alert.spaceCode, alert.indicatorKey, period);
  if (!row || Number(row.spaceId) !== Number(alert.spaceId)) return null;
  const value = visible(ctx.disclosure.protect(row));
  return value === null ? null : { row, value };
}

function aboveMean(ctx: Context, alert: AlertRecord, e: Evidence): Evidence | null {
  const own = ownValue(ctx, alert, alert.period);
  if (!own) return null;
  const values = ctx.peersOf(own.row).map((peer) => visible(ctx.disclosure.protect(peer))).filter((v): v is number => v !== null);
  const m = mean(values);
  const sd = standardDeviation(values, 'sample');
  const k = Number(e.k);
  if (!(sd > 0) || !Number.isFinite(k)) return null;
  const better = e.polarity === 'higher-is-better';
  const threshold = better ? m - k * sd : m + k * sd;
  if (better ? !(own.value < threshold) : !(own.value > threshold)) return null;
  return { kind: 'above-mean', value: own.value, mean: m, sd, k, threshold, n: values.length, polarity: e.polarity };
}

function worsening(ctx: Context, alert: AlertRecord, e: Evidence): Evidence | null {
  const periods = Array.isArray(e.series) ? (e.series as Array<{ period: string }>).map((p) => p.period) : [];
  const series = periods.map((period) => ({ period, value: ownValue(ctx, alert, period)?.value ?? null }));
  if (series.length === 0 || series.some((p) => p.value === null)) return null;
  const values = series.map((p) => p.value as number);
  const worse = (a: number, b: number) => (e.polarity === 'higher-is-better' ? b < a : b > a);
  // Rounded counts may no longer show a worsening in every step.
  if (!values.slice(1).every((v, i) => worse(values[i] as number, v))) return null;
  return { ...e, series };
}

function indexClass(ctx: Context, alert: AlertRecord, e: Evidence): Evidence | null {
  const result = ctx.indexOf(alert.spaceId, alert.period);
  if (e.kind === 'status-class') {
    if (!result || result.statusClass !== e.statusClass || result.statusIndex === null) return null;
    return { kind: 'status-class', statusClass: result.statusClass, statusIndex: result.statusIndex };
  }
  if (!result || result.dynamicsClass !== e.dynamicsClass || result.dynamicsIndex === null) return null;
  return { kind: 'dynamics-class', dynamicsClass: result.dynamicsClass, dynamicsIndex: result.dynamicsIndex };
}

function restate(ctx: Context, alert: AlertRecord): AlertRecord {
  const e = alert.evidence as Evidence;
  const evidence =
    e.kind === 'above-mean' ? aboveMean(ctx, alert, e)
    : e.kind === 'worsening' ? worsening(ctx, alert, e)
    : e.kind === 'status-class' || e.kind === 'dynamics-class' ? indexClass(ctx, alert, e)
    : null;
  return evidence ? { ...alert, evidence } : withheld(alert);
}

const seriesPeriods = (alert: AlertRecord): string[] => {
  const series = (alert.evidence as Evidence).series;
  return Array.isArray(series) ? (series as Array<{ period: string }>).map((p) => p.period) : [];
};

/** The alerts as a caller without raw-data is shown them, in the order the list has (by what is shown). */
export async function discloseAlerts(db: Queryable, alerts: readonly AlertRecord[]): Promise<AlertRecord[]> {
  const valued = alerts.filter((a) => a.indicatorKey !== '');
  const keys = [...new Set(valued.map((a) => a.indicatorKey))];
  const periods = [...new Set(valued.flatMap((a) => [a.period, ...seriesPeriods(a)]))];
  const sections = keys.length > 0 ? await peerValues(db, keys, periods) : [];
  const disclosure = await discloseSections(db, 'disclosed', sections);
  const byCell = new Map(sections.map((r) => [`${r.spaceCode}\u0000${r.indicatorKey}\u0000${r.period}`, r]));
  const bySection = new Map<string, SectionRow[]>();
  for (const r of sections) {
    const key = `${r.indicatorKey}\u0000${r.period}\u0000${r.spaceType}`;
    (bySection.get(key) ?? bySection.set(key, []).get(key)!).push(r);
  }
  const classed = alerts.filter((a) => a.indicatorKey === '');
  const method = classed.length > 0 ? await resolveMethod(db) : undefined;
  const runs = method ? await runsFor(db, 'disclosed', method.id) : [];
  const wanted = runs.filter((r) => classed.some((a) => a.period === r.period)).map((r) => r.id);
  const results = wanted.length > 0 ? await resultsOfRuns(db, wanted) : [];
  const byResult = new Map(results.map((r) => [`${Number(r.spaceId)}\u0000${r.period}`, r]));
  const ctx: Context = {
    disclosure,
    rowOf: (code, key, period) => byCell.get(`${code}\u0000${key}\u0000${period}`),
    peersOf: (row) => bySection.get(`${row.indicatorKey}\u0000${row.period}\u0000${row.spaceType}`) ?? [],
    indexOf: (spaceId, period) => byResult.get(`${Number(spaceId)}\u0000${period}`),
  };
  const order = (a: AlertRecord, b: AlertRecord) =>
    (a.period < b.period ? 1 : a.period > b.period ? -1 : 0) ||
    compare(a.spaceCode, b.spaceCode) || compare(a.ruleKey, b.ruleKey) || compare(a.indicatorKey, b.indicatorKey) || a.id - b.id;
  return alerts.map((a) => restate(ctx, a)).sort(order);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
