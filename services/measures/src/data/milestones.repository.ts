import { isoDate } from './db';
import type { Queryable } from '@sozialraum/kit/db';
import type { components } from '../generated/api';

export interface MilestoneRecord {
  id: string;
  measureId: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  overdue: boolean;
}

const columns = `id, measure_id AS "measureId", title, ${isoDate('due_on')} AS "dueOn", ${isoDate('done_on')} AS "doneOn",
  (done_on IS NULL AND due_on < current_date) AS overdue`;

export async function listMilestones(db: Queryable, measureId: string): Promise<MilestoneRecord[]> {
  const { rows } = await db.query<MilestoneRecord>(`SELECT ${columns} FROM milestone WHERE measure_id = $1 ORDER BY due_on, created_at, id`, [measureId]);
  return rows;
}

export async function findMilestone(db: Queryable, measureId: string, id: string): Promise<MilestoneRecord | undefined> {
  const { rows } = await db.query<MilestoneRecord>(`SELECT ${columns} FROM milestone WHERE measure_id = $1 AND id = $2`, [measureId, id]);
  return rows[0];
}

export type MilestoneInput = components['schemas']['MilestoneInput'];

export async function insertMilestones(db: Queryable, measureId: string, milestones: readonly MilestoneInput[]): Promise<MilestoneRecord[]> {
  if (milestones.length === 0) return [];
  const { rows } = await db.query<MilestoneRecord>(
    `INSERT INTO milestone (measure_id, title, due_on, done_on)
     SELECT $1, t, d, x FROM unnest($2::text[], $3::date[], $4::date[]) AS i (t, d, x)
     RETURNING ${columns}`,
    [measureId, milestones.map((m) => m.title), milestones.map((m) => m.dueOn), milestones.map((m) => m.doneOn ?? null)],
  );
  return rows;
}

export async function updateMilestone(db: Queryable, id: string, changes: components['schemas']['MilestonePatch']): Promise<MilestoneRecord> {
  const { rows } = await db.query<MilestoneRecord>(
    `UPDATE milestone SET title = COALESCE($2, title), due_on = COALESCE($3::date, due_on),
            done_on = CASE WHEN $4 THEN $5::date ELSE done_on END
      WHERE id = $1 RETURNING ${columns}`,
    [id, changes.title ?? null, changes.dueOn ?? null, changes.doneOn !== undefined, changes.doneOn ?? null],
  );
  return rows[0] as MilestoneRecord;
}

export async function deleteMilestone(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM milestone WHERE id = $1', [id]);
}
