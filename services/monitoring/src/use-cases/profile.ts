import { type Principal, problems } from '@sozialraum/kit';
import { findIndicators, indicatorKeysOfSpace, type IndicatorInfoRecord } from '../data/analysis.repository';
import { resolveMethod } from '../data/methods.repository';
import { resultsOfRuns } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { findLatestVersion } from '../data/spaces.repository';
import { alertsView } from './alerts';
import { type Audience, audienceOf } from './disclosure';
import { visible } from './indicator-views';
import { peerStatistics, type PeerStatisticsCache, type SectionStatistics } from './peer-statistics';
import { methodReference } from './methods-recompute';
import { runsFor, toIndexResult } from './methods-results';

/** One indicator's points for the space, each compared with every space of its type in that period. */
function indicatorPoints(indicator: IndicatorInfoRecord, sections: readonly SectionStatistics[], code: string) {
  return sections.flatMap(({ period, values, ranking, cityValue }) => {
    const value = values.get(code);
    if (!value) return [];
    const shown = visible(value);
    return [{ period, value, cityMean: ranking.mean, cityValue, rank: ranking.rankOf(shown, indicator.polarity), of: ranking.of, z: ranking.zOf(shown) }];
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
 * Everything known about a space: each indicator over time with the city's value (weighted, see
 * city-value.ts), the mean, rank and z-value among the spaces of its type (from the values the caller may see), the class history and the alerts.
 */
export async function spaceProfile(db: Queryable, cache: PeerStatisticsCache, principal: Principal, code: string, method?: string) {
  const space = await findLatestVersion(db, code);
  if (!space) throw problems.notFound(`There is no space "${code}".`);
  const audience = audienceOf(principal);
  const history = await classHistory(db, audience, code, method);
  const indicators = await findIndicators(db, await indicatorKeysOfSpace(db, code));
  const keys = indicators.map((i) => i.key);
  const statistics = await peerStatistics(db, cache, audience, space.type, keys);
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
      points: indicatorPoints(indicator, statistics.get(indicator.key) ?? [], code),
    })),
    classHistory: history.items,
    alerts: await alertsView(db, principal, { spaceCode: code }),
  };
}
