import { Conditions, type Page } from './db';
import type { Queryable } from '@sozialraum/kit/db';
import { type TaskReader, visibleTo } from './tasks.repository';

export interface CycleRow {
  id: string;
  space_code: string;
  number: number;
  status: string;
  phase: string;
  alert_id: number | null;
  started_by: string;
  started_at: Date;
  finished_at: Date | null;
  status_reason: string | null;
  evidence: Record<string, unknown> | null;
  reflection: Record<string, unknown> | null;
  departments: string[];
}

export interface CycleFilter {
  space?: string;
  phase?: string;
  status?: string;
  department?: string;
}

const summaryColumns = `c.id, c.space_code, c.number, c.status, c.phase, c.alert_id, c.started_by, c.started_at, c.finished_at, c.status_reason,
  NULL::jsonb AS evidence, NULL::jsonb AS reflection, c.departments`;

/** A cycle of the list, with its open tasks the reader may see and how many of them are overdue. */
export type CycleSummaryRow = CycleRow & { open_tasks: number; overdue_tasks: number };

export async function listCycles(db: Queryable, reader: TaskReader, filter: CycleFilter, page: Page): Promise<{ rows: CycleSummaryRow[]; total: number }> {
  const where = new Conditions()
    .addIf('c.space_code = $?', filter.space)
    .addIf('c.phase = $?', filter.phase)
    .addIf('c.status = $?', filter.status)
    .addIf('$? = ANY (c.departments)', filter.department);
  const visible = visibleTo(where, reader, 't.');
  const limit = where.param(page.limit);
  const offset = where.param(page.offset);
  // The counts in the same statement: one pass over the open tasks (task_open_idx), grouped by cycle.
  const { rows } = await db.query<CycleSummaryRow & { total: number }>(
    `SELECT ${summaryColumns}, COALESCE(counts.open_tasks, 0) AS open_tasks, COALESCE(counts.overdue_tasks, 0) AS overdue_tasks,
            count(*) OVER () AS total
     FROM cycle c
     LEFT JOIN (
       SELECT t.cycle_id, count(*)::int AS open_tasks, count(*) FILTER (WHERE t.due_at < now())::int AS overdue_tasks
       FROM task t WHERE t.status = 'open' AND ${visible} GROUP BY t.cycle_id
     ) counts ON counts.cycle_id = c.id
     ${where.where()}
     ORDER BY c.started_at DESC, c.id LIMIT ${limit} OFFSET ${offset}`,
    where.params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function findCycle(db: Queryable, id: string): Promise<CycleRow | undefined> {
  const { rows } = await db.query<CycleRow>('SELECT * FROM cycle WHERE id = $1', [id]);
  return rows[0];
}

/** The space's highest cycle number in the read model, and the cycle still running or suspended, if any. */
export async function spaceCycles(db: Queryable, spaceCode: string): Promise<{ highest: number; active?: CycleRow }> {
  const { rows } = await db.query<CycleRow & { highest: number }>(
    `SELECT c.*, max(number) OVER () AS highest FROM cycle c WHERE space_code = $1
     ORDER BY (status IN ('running', 'suspended')) DESC, number DESC LIMIT 1`,
    [spaceCode],
  );
  const row = rows[0];
  return { highest: row?.highest ?? 0, active: row && ['running', 'suspended'].includes(row.status) ? row : undefined };
}

export interface PhaseRow {
  phase: string;
  started_at: Date;
  ended_at: Date | null;
}

export async function phasesOf(db: Queryable, cycleId: string): Promise<PhaseRow[]> {
  const { rows } = await db.query<PhaseRow>('SELECT phase, started_at, ended_at FROM cycle_phase WHERE cycle_id = $1 ORDER BY started_at, phase', [cycleId]);
  return rows;
}
