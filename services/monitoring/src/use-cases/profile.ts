import { type Principal, problems } from '@sozialraum/kit';
import { findIndicators, indicatorKeysOfSpace, type IndicatorInfoRecord, peerValues, peerValuesOfType, type TypePeerRow } from '../data/analysis.repository';
import { resolveMethod } from '../data/methods.repository';
import { resultsOfRuns } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { findLatestVersion } from '../data/spaces.repository';
import { alertsView } from './alerts';
import { cityValue } from './city-value';
import type { ProtectedValue } from '../domain/confidentiality';
import { type Audience, audienceOf, discloseSections, rawValue } from './disclosure';
import { MISSING, rankValues, visible } from './indicator-views';
import { methodReference } from './methods-recompute';
import { runsFor, toIndexResult } from './methods-results';

/** One indicator's points for the space, each compared with every space of its type in that period. */
function indicatorPoints<R extends TypePeerRow>(protect: (row: R) => ProtectedValue, indicator: IndicatorInfoRecord, rows: readonly R[], code: string) {
  const byPeriod = new Map<string, R[]>();
  for (const row of rows) (byPeriod.get(row.period) ?? byPeriod.set(row.period, []).get(row.period)!).push(row);
  const own = rows.filter((r) => r.spaceCode === code).sort((a, b) => (a.period < b.period ? -1 : 1));
  return own.map((row) => {
    const peers = byPeriod.get(row.period) ?? [];
    const values = peers.map((peer) => protect(peer));
    const ranked = rankValues(values.map(visible), indicator.polarity);
    const at = peers.indexOf(row);
    return {
      period: row.period,
      value: values[at] ?? MISSING,
      cityMean: ranked.mean,
      cityValue: cityValue(indicator.kind, peers.map((peer, i) => ({ value: values[i] as ProtectedValue, population: peer.population }))),
      rank: ranked.ranks[at] ?? null,
      of: ranked.of,
      z: ranked.zs[at] ?? null,
    };
  });
}

async function classHistory(db: Queryable, audience: Audience, code: string, reference?: string) {
  const method = await resolveMethod(db, reference);
  if (!method) {
    if (reference) throw problems.notFound(`There is no method "${reference}"; give it as key@version.`);
    return { method: null, items: [] };
  }
  const runs = await runsFor(db, audience, method.id);
  const results = await resultsOfRuns(db, runs.map((r) => r.id), code);
  return { method: methodReference(method), items: results.map(toIndexResult) };
}

/** Rows grouped by indicator once: filtering all rows per indicator would be indicators × rows (100 × 975,600 at scale). */
function pointsOf<R extends TypePeerRow>(rows: readonly R[], protect: (row: R) => ProtectedValue, code: string) {
  const byIndicator = new Map<string, R[]>();
  for (const row of rows) (byIndicator.get(row.indicatorKey) ?? byIndicator.set(row.indicatorKey, []).get(row.indicatorKey)!).push(row);
  return (indicator: IndicatorInfoRecord) => indicatorPoints(protect, indicator, byIndicator.get(indicator.key) ?? [], code);
}

/** The raw-data role: nothing is withheld, so the values of the space's type are all it needs. */
async function rawPoints(db: Queryable, keys: string[], type: string, code: string) {
  return pointsOf(await peerValuesOfType(db, keys, type), rawValue, code);
}

/** Everyone else: the values as disclosed within whole cross-sections (every type), compared within the type. */
async function disclosedPoints(db: Queryable, keys: string[], type: string, code: string) {
  const sections = await peerValues(db, keys);
  const disclosure = await discloseSections(db, 'disclosed', sections);
  return pointsOf(sections.filter((r) => r.spaceType === type), disclosure.protect, code);
}

/**
 * Everything known about a space: each indicator over time with the city's value (weighted, see
 * city-value.ts), the mean, rank and z-value among the spaces of its type (from the values the caller may see), the class history and the alerts.
 */
export async function spaceProfile(db: Queryable, principal: Principal, code: string, method?: string) {
  const space = await findLatestVersion(db, code);
  if (!space) throw problems.notFound(`There is no space "${code}".`);
  const audience = audienceOf(principal);
  const history = await classHistory(db, audience, code, method);
  const indicators = await findIndicators(db, await indicatorKeysOfSpace(db, code));
  const keys = indicators.map((i) => i.key);
  const points = audience === 'raw' ? await rawPoints(db, keys, space.type, code) : await disclosedPoints(db, keys, space.type, code);
  const { id: _id, ...spaceDto } = space;
  return {
    space: spaceDto,
    method: history.method,
    indicators: indicators.map((indicator) => ({
      key: indicator.key,
      name: indicator.name,
      unit: indicator.unit,
      kind: indicator.kind,
      polarity: indicator.polarity,
      points: points(indicator),
    })),
    classHistory: history.items,
    alerts: await alertsView(db, principal, { spaceCode: code }),
  };
}
