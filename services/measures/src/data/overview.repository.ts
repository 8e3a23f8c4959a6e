import type { ListedMeasure, TrafficLight } from '../domain/measure';
import type { MeasureStatus } from '@sozialraum/contracts';
import { dataVersionColumns } from './data-version.repository';
import { isoDate } from './db';
import type { Queryable } from '@sozialraum/kit/db';

/**
 * Which measures a list or the overview covers: the caller's read scope and the filters asked for. A list
 * filter matches a measure with any of its values (an empty list matches none); all filters apply.
 */
export interface MeasureFilter {
  scope: 'all' | readonly string[];
  ids?: readonly string[];
  cycle?: string;
  spaces?: readonly string[];
  departments?: readonly string[];
  statuses?: readonly MeasureStatus[];
  trafficLights?: readonly TrafficLight[];
  targetGroups?: readonly string[];
}

/** A listed measure with what its progress and its concurrency need. */
export interface MeasureSummaryRow extends ListedMeasure {
  lastProgress: number | null;
  milestonesTotal: number;
  milestonesDone: number;
  version: number;
}

export interface GroupFiguresRow {
  dimension: 'space' | 'department' | 'status' | 'trafficLight' | 'total';
  key: string | null;
  count: number;
  budgetPlanned: number;
  budgetApproved: number;
  budgetSpent: number;
  overdueMilestones: number;
  measuresWithOverdueMilestones: number;
  reportsMissing: number;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function whereClause(filter: MeasureFilter, p: Params): string {
  const conditions: string[] = [];
  if (filter.scope !== 'all') conditions.push(`m.department = ANY (${p.add(filter.scope)}::text[])`);
  if (filter.ids) conditions.push(`m.id = ANY (${p.add(filter.ids)}::uuid[])`);
  if (filter.cycle) conditions.push(`m.cycle_id = ${p.add(filter.cycle)}`);
  if (filter.spaces) conditions.push(`m.spaces && ${p.add(filter.spaces)}::text[]`);
  if (filter.departments) conditions.push(`m.department = ANY (${p.add(filter.departments)}::text[])`);
  if (filter.statuses) conditions.push(`m.status = ANY (${p.add(filter.statuses)}::text[])`);
  if (filter.trafficLights) conditions.push(`m.last_traffic_light = ANY (${p.add(filter.trafficLights)}::text[])`);
  if (filter.targetGroups) conditions.push(`m.target_groups && ${p.add(filter.targetGroups)}::text[]`);
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * The day's constants, computed once per statement: overdue means due before today; a report is missing when
 * the measure is in progress and neither a report nor the start (or resumption) of the work lies within the
 * interval (timestamps compare with the cut-off's midnight, so no row converts its own).
 */
const today = (reportIntervalDays: number, p: Params) => `(SELECT current_date AS today, current_date - 1 AS yesterday,
  current_date - ${p.add(reportIntervalDays)}::int AS cutoff, (current_date - ${p.add(reportIntervalDays)}::int)::timestamptz AS cutoff_at) t`;

/** Open due dates are kept sorted: when the first is not past, none is; else a binary search counts them. */
const derived = `CASE WHEN m.open_due_dates[1] < t.today THEN width_bucket(t.yesterday, m.open_due_dates) ELSE 0 END AS "overdueMilestones",
  (m.status = 'in-progress' AND m.status_changed_at < t.cutoff_at AND (m.last_report_on IS NULL OR m.last_report_on < t.cutoff)) AS "reportMissing"`;

const summaryColumns = `m.id, m.title, m.cycle_id AS "cycleId", m.spaces, m.target_groups AS "targetGroups", m.department,
  m.budget_planned AS "budgetPlanned", m.budget_approved AS "budgetApproved", m.budget_spent AS "budgetSpent",
  m.funding_source AS "fundingSource", ${isoDate('m.starts_on')} AS "startsOn", ${isoDate('m.ends_on')} AS "endsOn",
  m.status, m.last_traffic_light AS "trafficLight", ${isoDate('m.last_report_on')} AS "lastReportOn",
  m.last_progress AS "lastProgress", m.milestones_total AS "milestonesTotal", m.milestones_done AS "milestonesDone", m.version`;

/** One narrow row per measure in scope: what the figures and the order need. */
function baseQuery(filter: MeasureFilter, reportIntervalDays: number, p: Params): string {
  return `SELECT m.id, m.department, m.status, m.last_traffic_light AS "trafficLight", m.spaces, m.ends_on AS "endsOn",
          m.budget_planned AS "budgetPlanned", m.budget_approved AS "budgetApproved", m.budget_spent AS "budgetSpent", ${derived}
     FROM measure m CROSS JOIN ${today(reportIntervalDays, p)} ${whereClause(filter, p)}`;
}

/** Most urgent first: red, yellow, green, none; then overdue milestones, missing reports, the nearest end. */
const urgency = (alias: string) => `CASE ${alias}."trafficLight" WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END,
  ${alias}."overdueMilestones" DESC, ${alias}."reportMissing" DESC, ${alias}."endsOn" NULLS LAST, ${alias}.id`;

const figures = `count(*)::int AS count,
  COALESCE(sum("budgetPlanned"), 0) AS "budgetPlanned", COALESCE(sum("budgetApproved"), 0) AS "budgetApproved",
  COALESCE(sum("budgetSpent"), 0) AS "budgetSpent", COALESCE(sum("overdueMilestones"), 0)::int AS "overdueMilestones",
  (count(*) FILTER (WHERE "overdueMilestones" > 0))::int AS "measuresWithOverdueMilestones",
  (count(*) FILTER (WHERE "reportMissing"))::int AS "reportsMissing"`;

export interface Page {
  limit: number;
  offset: number;
}

/** One page of the list as JSON in urgency order: a top-N sort of the narrow rows, then their full columns. */
function pageQuery(page: Page, p: Params): string {
  return `(SELECT COALESCE(json_agg(x ORDER BY ${urgency('x')}), '[]') FROM
            (SELECT ${summaryColumns}, b."overdueMilestones", b."reportMissing"
               FROM (SELECT * FROM base b ORDER BY ${urgency('b')} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}) b
               JOIN measure m ON m.id = b.id) x)`;
}

export async function listSummaries(
  db: Queryable,
  filter: MeasureFilter,
  reportIntervalDays: number,
  page: Page,
): Promise<{ total: number; items: MeasureSummaryRow[] }> {
  const p = new Params();
  const base = baseQuery(filter, reportIntervalDays, p);
  const { rows } = await db.query<{ total: number; items: MeasureSummaryRow[] }>(
    `WITH base AS MATERIALIZED (${base})
     SELECT (SELECT count(*) FROM base)::int AS total, ${pageQuery(page, p)} AS items`,
    p.values,
  );
  return rows[0] as { total: number; items: MeasureSummaryRow[] };
}

/**
 * The overview in one statement (with the data version and day it was computed for): the page of the list, the totals (dimension 'total') and the figures per
 * department, status and traffic light (grouping sets over one row per measure) and per space (one row per
 * measure and space, so a measure in two spaces counts in both; the totals count it once).
 */
export async function overview(
  db: Queryable,
  filter: MeasureFilter,
  reportIntervalDays: number,
  page: Page,
): Promise<{ items: MeasureSummaryRow[]; groups: GroupFiguresRow[]; version: number; day: string }> {
  const p = new Params();
  const base = baseQuery(filter, reportIntervalDays, p);
  const { rows } = await db.query<{ items: MeasureSummaryRow[]; groups: GroupFiguresRow[]; version: number; day: string }>(
    `WITH base AS MATERIALIZED (${base}),
     flat AS (
       SELECT CASE WHEN GROUPING(department) = 0 THEN 'department' WHEN GROUPING(status) = 0 THEN 'status'
                   WHEN GROUPING("trafficLight") = 0 THEN 'trafficLight' ELSE 'total' END AS dimension,
              COALESCE(department, status, "trafficLight") AS key, ${figures}
         FROM base GROUP BY GROUPING SETS ((department), (status), ("trafficLight"), ())),
     by_space AS (
       SELECT 'space' AS dimension, s.code AS key, ${figures}
         FROM base LEFT JOIN LATERAL unnest(base.spaces) AS s (code) ON true GROUP BY s.code),
     grouped AS (SELECT * FROM flat UNION ALL SELECT * FROM by_space)
     SELECT ${pageQuery(page, p)} AS items,
            (SELECT COALESCE(json_agg(g ORDER BY g.dimension, g.key NULLS LAST), '[]') FROM grouped g) AS groups,
            ${dataVersionColumns}`,
    p.values,
  );
  return rows[0] as { items: MeasureSummaryRow[]; groups: GroupFiguresRow[]; version: number; day: string };
}

/** Every row of the list, in the same order, for the export. */
export async function allSummaries(db: Queryable, filter: MeasureFilter, reportIntervalDays: number): Promise<MeasureSummaryRow[]> {
  const p = new Params();
  const { rows } = await db.query<MeasureSummaryRow>(
    `SELECT * FROM (SELECT ${summaryColumns}, ${derived} FROM measure m CROSS JOIN ${today(reportIntervalDays, p)} ${whereClause(filter, p)}) x
      ORDER BY ${urgency('x')}`,
    p.values,
  );
  return rows;
}
