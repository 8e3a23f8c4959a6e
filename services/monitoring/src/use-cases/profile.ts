import { type Principal, problems } from '@sozialraum/kit';
import { findIndicators, indicatorKeysOfSpace, type IndicatorInfoRecord, peerValues, type PeerValueRow } from '../data/analysis.repository';
import { resolveMethod } from '../data/methods.repository';
import { resultsOfRuns } from '../data/results.repository';
import type { Queryable } from '../data/settings.repository';
import { findLatestVersion } from '../data/spaces.repository';
import { alertsView } from './alerts';
import { type Audience, audienceOf, discloseSections, type Disclosure } from './disclosure';
import { rankValues, visible } from './indicator-views';
import { methodReference } from './methods-recompute';
import { runsFor, toIndexResult } from './methods-results';

/** One indicator's points for the space, each compared with every space of its type in that period. */
function indicatorPoints(disclosure: Disclosure, indicator: IndicatorInfoRecord, rows: readonly PeerValueRow[], code: string) {
  const byPeriod = new Map<string, PeerValueRow[]>();
  for (const row of rows) (byPeriod.get(row.period) ?? byPeriod.set(row.period, []).get(row.period)!).push(row);
  const own = rows.filter((r) => r.spaceCode === code).sort((a, b) => (a.period < b.period ? -1 : 1));
  return own.map((row) => {
    const peers = byPeriod.get(row.period) ?? [];
    const values = peers.map((peer) => disclosure.protect(peer));
    const ranked = rankValues(values.map(visible), indicator.polarity);
    const at = peers.indexOf(row);
    return {
      period: row.period,
      value: values[at],
      cityMean: ranked.mean,
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

/**
 * Everything known about a space: each indicator over time with the mean, rank and z-value among the
 * spaces of its type (from the values the caller may see), the class history and the alerts.
 */
export async function spaceProfile(db: Queryable, principal: Principal, code: string, method?: string) {
  const space = await findLatestVersion(db, code);
  if (!space) throw problems.notFound(`There is no space "${code}".`);
  const audience = audienceOf(principal);
  const history = await classHistory(db, audience, code, method);
  const indicators = await findIndicators(db, await indicatorKeysOfSpace(db, code));
  // Every type's values: confidentiality looks at whole cross-sections; the comparison is within the type.
  const sections = await peerValues(db, indicators.map((i) => i.key));
  const disclosure = await discloseSections(db, audience, sections);
  const rows = sections.filter((r) => r.spaceType === space.type);
  // Grouped once: filtering all rows per indicator would be indicators × rows (100 × 975,600 for Berlin at scale).
  const byIndicator = new Map<string, PeerValueRow[]>();
  for (const row of rows) (byIndicator.get(row.indicatorKey) ?? byIndicator.set(row.indicatorKey, []).get(row.indicatorKey)!).push(row);
  const { id: _id, ...spaceDto } = space;
  return {
    space: spaceDto,
    method: history.method,
    indicators: indicators.map((indicator) => ({
      key: indicator.key,
      name: indicator.name,
      unit: indicator.unit,
      polarity: indicator.polarity,
      points: indicatorPoints(disclosure, indicator, byIndicator.get(indicator.key) ?? [], code),
    })),
    classHistory: history.items,
    alerts: await alertsView(db, principal, { spaceCode: code }),
  };
}
