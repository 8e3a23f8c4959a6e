import type { Principal } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { csvLine } from '../domain/csv';
import { progressOf } from '../domain/progress';
import { allSummaries, type GroupFiguresRow, overview } from '../data/overview.repository';
import type { components } from '../generated/api';
import { type MeasureQuery, scoped, summaryView } from './measures';

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

/** The coordinators' overview over the measures the caller may see (department staff: their department's). */
export async function measuresOverview(pool: Pool, principal: Principal, query: MeasureQuery): Promise<Schemas['Overview']> {
  const { reportIntervalDays, page } = query;
  const result = await overview(pool, scoped(principal, query.filter), reportIntervalDays, page);
  const groups: Schemas['Overview']['groups'] = { space: [], department: [], status: [], trafficLight: [] };
  let totals = emptyTotals;
  for (const row of result.groups) {
    if (row.dimension === 'total') totals = figuresOf(row);
    else groups[row.dimension].push(figuresOf(row));
  }
  return { reportIntervalDays, totals, groups, items: result.items.map(summaryView), total: totals.count, ...page };
}

const columns = [
  'id', 'title', 'department', 'status', 'spaces', 'cycle', 'trafficLight', 'progress', 'lastReportOn', 'reportMissing',
  'overdueMilestones', 'budgetPlanned', 'budgetApproved', 'budgetSpent', 'fundingSource', 'startsOn', 'endsOn',
];

/** The whole list as CSV, in the overview's order. */
export async function overviewCsv(pool: Pool, principal: Principal, query: Omit<MeasureQuery, 'page'>): Promise<string> {
  const rows = await allSummaries(pool, scoped(principal, query.filter), query.reportIntervalDays);
  const lines = rows.map((r) =>
    csvLine([
      r.id, r.title, r.department, r.status, r.spaces.join(' '), r.cycleId, r.trafficLight,
      progressOf({ milestonesTotal: r.milestonesTotal, milestonesDone: r.milestonesDone, reportedProgress: r.lastProgress }).progress,
      r.lastReportOn, r.reportMissing, r.overdueMilestones, r.budgetPlanned, r.budgetApproved, r.budgetSpent, r.fundingSource, r.startsOn, r.endsOn,
    ]),
  );
  return csvLine(columns) + lines.join('');
}
