import { keepSerialized, type Logger, type Principal } from '@sozialraum/kit';
import { type ListenedVersion, listenedVersion, type Pool } from '@sozialraum/kit/db';
import { dataVersion } from '../data/data-version.repository';
import { type GroupFiguresRow, overview } from '../data/overview.repository';
import type { components } from '../generated/api';
import { scoped } from './measure-filter';
import { type MeasureQuery, summaryView } from './measures';
import { createOverviewCache, type OverviewCache } from './overview-cache';

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

/** Overviews by data version, day and question, and the data version and day as of now. */
export interface OverviewAnswers {
  cache: OverviewCache<Schemas['Overview']>;
  /**
   * In memory while its notifications are heard (migration data-version-notify) and the day lasts: read again
   * after each commit of this process and after each notification, so another replica's change shows within the
   * notification's delay; read per request while the listening connection is away.
   */
  version: ListenedVersion<{ version: number; day: string; dayEndsAt: number }>;
}

export function createOverviewAnswers(pool: Pool, maxEntries: number, notifications: { connectionString: string; logger: Logger }): OverviewAnswers {
  return {
    cache: createOverviewCache(maxEntries),
    version: listenedVersion({
      ...notifications,
      channel: 'measures_data_version',
      applicationName: 'measures data version',
      read: () => dataVersion(pool),
      expiresAt: ({ dayEndsAt }) => dayEndsAt,
    }),
  };
}

/**
 * The coordinators' overview over the measures the caller may see (department staff: their department's).
 * Asked again before anything changed (same data version and day), it comes from the cache.
 */
export async function measuresOverview(pool: Pool, { cache, version: versions }: OverviewAnswers, principal: Principal, query: MeasureQuery): Promise<Schemas['Overview']> {
  const { reportIntervalDays, page } = query;
  // The scope (department, own spaces) is part of the filter, so of the question: no caller gets another's overview.
  const filter = scoped(principal, query.filter);
  const question = JSON.stringify([filter, reportIntervalDays, page]);
  if (cache.enabled) {
    const { version, day } = await versions.current();
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
  // Stored under the version the statement saw, which may be newer than the one looked up; sent from bytes
  // serialized once (with an ETag) as long as it is kept.
  cache.set(result.version, result.day, question, cache.enabled ? keepSerialized(answer) : answer);
  return answer;
}
