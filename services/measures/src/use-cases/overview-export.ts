import type { Principal, QueryOf } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { csvLine } from '../domain/csv';
import type { ExportRow } from '../domain/export-columns';
import { germanCsv } from '../domain/german-csv';
import { progressOf } from '../domain/progress';
import { overviewWorkbook } from '../domain/workbook';
import { allSummaries, type MeasureSummaryRow } from '../data/overview.repository';
import type { operations } from '../generated/api';
import { scoped } from './measure-filter';
import type { MeasureQuery } from './measures';

export type ExportFormat = NonNullable<QueryOf<operations['exportOverview']>['format']>;

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

const withProgress = (row: MeasureSummaryRow): ExportRow => ({
  ...row,
  progress: progressOf({ milestonesTotal: row.milestonesTotal, milestonesDone: row.milestonesDone, reportedProgress: row.lastProgress }).progress,
});

/** The columns of the CSV for programs: English keys and raw values, stable for scripts that read it. */
const columns = [
  'id', 'title', 'department', 'status', 'spaces', 'cycle', 'trafficLight', 'progress', 'lastReportOn', 'reportMissing',
  'overdueMilestones', 'budgetPlanned', 'budgetApproved', 'budgetSpent', 'fundingSource', 'startsOn', 'endsOn',
];

function programCsv(rows: readonly ExportRow[]): string {
  const lines = rows.map((r) =>
    csvLine([
      r.id, r.title, r.department, r.status, r.spaces.join(' '), r.cycleId, r.trafficLight, r.progress,
      r.lastReportOn, r.reportMissing, r.overdueMilestones, r.budgetPlanned, r.budgetApproved, r.budgetSpent, r.fundingSource, r.startsOn, r.endsOn,
    ]),
  );
  return csvLine(columns) + lines.join('');
}

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The whole list of the overview, in its order, as a file: CSV for programs, CSV for German Excel, or a workbook. */
export async function exportOverview(pool: Pool, principal: Principal, query: Omit<MeasureQuery, 'page'>, format: ExportFormat): Promise<ExportFile> {
  const rows = (await allSummaries(pool, scoped(principal, query.filter), query.reportIntervalDays)).map(withProgress);
  switch (format) {
    case 'xlsx':
      return { body: await overviewWorkbook(rows), contentType: XLSX, filename: 'massnahmen.xlsx' };
    case 'csv-excel':
      return { body: germanCsv(rows), contentType: CSV, filename: 'massnahmen.csv' };
    default:
      return { body: programCsv(rows), contentType: CSV, filename: 'massnahmen.csv' };
  }
}
