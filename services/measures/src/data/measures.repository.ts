import type { components } from '../generated/api';
import type { MeasureStatus } from '@sozialraum/contracts';
import { isoDate } from './db';
import type { Queryable } from '@sozialraum/kit/db';

type Schemas = components['schemas'];
export type MeasureFields = Schemas['MeasureFields'];
export type TargetGroup = Schemas['TargetGroup'];

/** A measure as stored (what the audit trail records before and after a change). */
export interface MeasureRecord {
  id: string;
  title: string;
  description: string;
  cycleId: string | null;
  spaces: string[];
  goals: string[];
  needs: string[];
  targetGroups: TargetGroup[];
  department: string;
  partners: string[];
  providerIds: string[];
  budget: { planned: number | null; approved: number | null; spent: number | null; fundingSource: string | null };
  startsOn: string | null;
  endsOn: string | null;
  indicators: Array<{ key: string; direction: 'up' | 'down' }>;
  status: MeasureStatus;
  statusReason: string | null;
  statusChangedAt: Date;
  statusChangedBy: string | null;
  lastReportOn: string | null;
  trafficLight: 'green' | 'yellow' | 'red' | null;
  lastProgress: number | null;
  milestonesTotal: number;
  milestonesDone: number;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns of a measure as records carry them; `m` is the measure table. */
export const measureColumns = `m.id, m.title, m.description, m.cycle_id AS "cycleId", m.spaces, m.goals, m.needs,
  m.target_groups AS "targetGroups", m.department, m.partners, m.provider_ids AS "providerIds",
  json_build_object('planned', m.budget_planned, 'approved', m.budget_approved, 'spent', m.budget_spent,
                    'fundingSource', m.funding_source) AS budget,
  ${isoDate('m.starts_on')} AS "startsOn", ${isoDate('m.ends_on')} AS "endsOn", m.indicators, m.status,
  m.status_reason AS "statusReason", m.status_changed_at AS "statusChangedAt", m.status_changed_by AS "statusChangedBy",
  ${isoDate('m.last_report_on')} AS "lastReportOn", m.last_traffic_light AS "trafficLight", m.last_progress AS "lastProgress",
  m.milestones_total AS "milestonesTotal", m.milestones_done AS "milestonesDone", m.version,
  m.created_by AS "createdBy", m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

/** Field → column of the fields a create or a change may set (budget apart: it is nested). */
const fieldColumns = {
  title: 'title',
  description: 'description',
  cycleId: 'cycle_id',
  spaces: 'spaces',
  goals: 'goals',
  needs: 'needs',
  targetGroups: 'target_groups',
  department: 'department',
  partners: 'partners',
  providerIds: 'provider_ids',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  indicators: 'indicators',
} as const satisfies Record<Exclude<keyof MeasureFields, 'budget'>, string>;

const budgetColumns = { planned: 'budget_planned', approved: 'budget_approved', spent: 'budget_spent', fundingSource: 'funding_source' } as const;

/** Column/value pairs of the fields given (undefined: not given; null: cleared). */
function assignments(fields: MeasureFields): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (const [field, column] of Object.entries(fieldColumns)) {
    const value = fields[field as keyof typeof fieldColumns];
    if (value !== undefined) pairs.push([column, field === 'indicators' ? JSON.stringify(value) : value]);
  }
  for (const [field, column] of Object.entries(budgetColumns)) {
    const value = fields.budget?.[field as keyof typeof budgetColumns];
    if (value !== undefined) pairs.push([column, value]);
  }
  return pairs;
}

/** An Idempotency-Key as stored: whose it is and the fingerprint of the request it came with. */
export interface IdempotencyKey {
  key: string;
  owner: string;
  requestHash: string;
}

export async function insertMeasure(db: Queryable, fields: MeasureFields, meta: { createdBy: string; idempotency?: IdempotencyKey }): Promise<string> {
  const pairs: Array<[string, unknown]> = [...assignments(fields), ['created_by', meta.createdBy], ['status_changed_by', meta.createdBy]];
  if (meta.idempotency) {
    pairs.push(['idempotency_key', meta.idempotency.key], ['idempotency_owner', meta.idempotency.owner], ['request_hash', meta.idempotency.requestHash]);
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO measure (${pairs.map(([c]) => c).join(', ')}) VALUES (${pairs.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    pairs.map(([, v]) => v),
  );
  return (rows[0] as { id: string }).id;
}

/** The measure this owner created with this key, and the fingerprint of that request. */
export async function findMeasureByIdempotencyKey(db: Queryable, owner: string, key: string): Promise<{ id: string; requestHash: string | null } | undefined> {
  const { rows } = await db.query<{ id: string; requestHash: string | null }>(
    'SELECT id, request_hash AS "requestHash" FROM measure WHERE idempotency_owner = $1 AND idempotency_key = $2',
    [owner, key],
  );
  return rows[0];
}

/** With `lock`, the row stays locked until the transaction ends: changes to one measure happen one after another. */
export async function findMeasure(db: Queryable, id: string, lock = false): Promise<MeasureRecord | undefined> {
  const { rows } = await db.query<MeasureRecord>(`SELECT ${measureColumns} FROM measure m WHERE m.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function existingMeasureIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM measure WHERE id = ANY ($1::uuid[])', [ids]);
  return rows.map((r) => r.id);
}

/** Applies the changes and counts the version up; the caller has checked the version under the row lock. */
export async function updateMeasure(db: Queryable, id: string, fields: MeasureFields): Promise<void> {
  const pairs = assignments(fields);
  await db.query(
    `UPDATE measure SET ${[...pairs.map(([c], i) => `${c} = $${i + 2}`), 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
    [id, ...pairs.map(([, v]) => v)],
  );
}

export async function updateStatus(
  db: Queryable,
  id: string,
  change: { status: MeasureStatus; reason: string | null; by: string; approvedBudget?: number },
): Promise<void> {
  await db.query(
    `UPDATE measure SET status = $2, status_reason = $3, status_changed_by = $4, status_changed_at = now(),
            budget_approved = COALESCE($5, budget_approved), version = version + 1, updated_at = now()
      WHERE id = $1`,
    [id, change.status, change.reason, change.by, change.approvedBudget ?? null],
  );
}

/**
 * Recounts the milestones kept with the measure (after any milestone change). Milestones and reports are
 * entities of their own: they leave the measure's version alone, so they never make a field change stale.
 */
export async function refreshMilestoneCounts(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE measure m SET milestones_total = c.total, milestones_done = c.done, open_due_dates = c.open
       FROM (SELECT count(*)::int AS total, count(done_on)::int AS done,
                    COALESCE(array_agg(due_on ORDER BY due_on) FILTER (WHERE done_on IS NULL), '{}') AS open
               FROM milestone WHERE measure_id = $1) c
      WHERE m.id = $1`,
    [id],
  );
}

/** Keeps the latest report (by its date; a back-dated report does not replace a newer one) with the measure. */
export async function recordLatestReport(db: Queryable, id: string, report: { date: string; trafficLight: string; progress: number }): Promise<void> {
  await db.query(
    `UPDATE measure SET
            last_traffic_light = CASE WHEN last_report_on IS NULL OR $2::date >= last_report_on THEN $3 ELSE last_traffic_light END,
            last_progress = CASE WHEN last_report_on IS NULL OR $2::date >= last_report_on THEN $4 ELSE last_progress END,
            last_report_on = GREATEST(last_report_on, $2::date)
      WHERE id = $1`,
    [id, report.date, report.trafficLight, report.progress],
  );
}

/** The statuses of a cycle's measures; the caller holds the cycle's lock. */
export async function cycleMeasures(db: Queryable, cycleId: string): Promise<Array<{ id: string; status: MeasureStatus }>> {
  const { rows } = await db.query<{ id: string; status: MeasureStatus }>('SELECT id, status FROM measure WHERE cycle_id = $1 ORDER BY created_at, id', [cycleId]);
  return rows;
}

/** Serialises the changes of one cycle's measures, so "all finished" is seen by exactly one transaction. */
export async function lockCycle(db: Queryable, cycleId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('measures.cycle'), hashtext($1))`, [cycleId]);
}
