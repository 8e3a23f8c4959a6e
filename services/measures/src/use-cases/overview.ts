import type { Principal } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { dataVersion } from '../data/data-version.repository';
import { type GroupFiguresRow, overview } from '../data/overview.repository';
import type { components } from '../generated/api';
import { scoped } from './measure-filter';
import { type MeasureQuery, summaryView } from './measures';
import type { OverviewCache } from './overview-cache';

type Schemas = components['schemas'];

const figuresOf = ({ dimension: _d, ...figures }: GroupFiguresRow): Schemas['GroupFigures'] => figures;

const emptyTotals: Schemas['GroupFigures'] = {
  key: null,
  count: 0,
  budgetPlanned: 0,
  budgetApproved: 0,
  budgetSpent: 0,
  overdueMilestones: 0,
  measuresWithOverdueMilestones: 0,
  reportsMissing: 0,
};

export type OverviewAnswers = OverviewCache<Schemas['Overview']>;

/**
 * The coordinators' overview over the measures the caller may see (department staff: their department's).
 * Asked again before anything changed (same data version and day), it comes from the cache.
 */
export async function measuresOverview(pool: Pool, cache: OverviewAnswers, principal: Principal, query: MeasureQuery): Promise<Schemas['Overview']> {
  const { reportIntervalDays, page } = query;
  const filter = scoped(principal, query.filter);
  const question = JSON.stringify([filter, reportIntervalDays, page]);
  if (cache.enabled) {
    const { version, day } = await dataVersion(pool);
    const cached = cache.get(version, day, question);
    if (cached) return cached;
  }
  const result = await overview(pool, filter, reportIntervalDays, page);
  const groups: Schemas['Overview']['groups'] = { space: [], department: [], status: [], trafficLight: [] };
  let totals = emptyTotals;
  for (const row of result.groups) {
    if (row.dimension === 'total') totals = figuresOf(row);
    else groups[row.dimension].push(figuresOf(row));
  }
  const answer = { reportIntervalDays, totals, groups, items: result.items.map(summaryView), total: totals.count, ...page };
  // Stored under the version the statement saw, which may be newer than the one looked up.
  cache.set(result.version, result.day, question, answer);
  return answer;
}
