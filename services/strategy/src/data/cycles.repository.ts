import { Conditions, type Page } from './db';
import type { Queryable } from '@sozialraum/kit/db';
import type { components } from '../generated/api';
import { type TaskReader, visibleTo } from './tasks.repository';

type Schemas = components['schemas'];

/** A cycle of the read model. */
export interface CycleRecord {
  id: string;
  spaceCode: string;
  number: number;
  status: Schemas['CycleStatus'];
  phase: Schemas['Phase'];
  alertId: number | null;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  statusReason: string | null;
  evidence: Record<string, unknown> | null;
  reflection: Record<string, unknown> | null;
  departments: string[];
}

const cycleColumns = (evidence: string, reflection: string) => `c.id, c.space_code AS "spaceCode", c.number, c.status, c.phase,
  c.alert_id AS "alertId", c.started_by AS "startedBy", c.started_at AS "startedAt", c.finished_at AS "finishedAt",
  c.status_reason AS "statusReason", ${evidence} AS evidence, ${reflection} AS reflection, c.departments`;
/** The list leaves the snapshots out: they are large, and only the detail shows them. */
const summaryColumns = cycleColumns('NULL::jsonb', 'NULL::jsonb');
const detailColumns = cycleColumns('c.evidence', 'c.reflection');

export interface CycleFilter {
  space?: string;
  phase?: string;
  status?: string;
  department?: string;
}

/** A cycle of the list, with its open tasks the reader may see and how many of them are overdue. */
export type CycleSummary = CycleRecord & { openTasks: number; overdueTasks: number };

export async function listCycles(db: Queryable, reader: TaskReader, filter: CycleFilter, page: Page): Promise<{ rows: CycleSummary[]; total: number }> {
  const where = new Conditions()
    .addIf('c.space_code = $?', filter.space)
    .addIf('c.phase = $?', filter.phase)
    .addIf('c.status = $?', filter.status)
    .addIf('$? = ANY (c.departments)', filter.department);
  const visible = visibleTo(where, reader, 't.');
  const limit = where.param(page.limit);
  const offset = where.param(page.offset);
  // The counts in the same statement: one pass over the open tasks (task_open_idx), grouped by cycle.
  const { rows } = await db.query<CycleSummary & { total: number }>(
    `SELECT ${summaryColumns}, COALESCE(counts.open_tasks, 0) AS "openTasks", COALESCE(counts.overdue_tasks, 0) AS "overdueTasks",
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

export async function findCycle(db: Queryable, id: string): Promise<CycleRecord | undefined> {
  const { rows } = await db.query<CycleRecord>(`SELECT ${detailColumns} FROM cycle c WHERE c.id = $1`, [id]);
  return rows[0];
}

/** The space's highest cycle number in the read model, and the cycle still running or suspended, if any. */
export async function spaceCycles(db: Queryable, spaceCode: string): Promise<{ highest: number; active?: CycleRecord }> {
  const { rows } = await db.query<CycleRecord & { highest: number }>(
    `SELECT ${summaryColumns}, max(number) OVER () AS highest FROM cycle c WHERE space_code = $1
     ORDER BY (status IN ('running', 'suspended')) DESC, number DESC LIMIT 1`,
    [spaceCode],
  );
  const row = rows[0];
  return { highest: row?.highest ?? 0, active: row && ['running', 'suspended'].includes(row.status) ? row : undefined };
}

export interface PhaseRecord {
  phase: Schemas['Phase'];
  startedAt: Date;
  endedAt: Date | null;
}

export async function phasesOf(db: Queryable, cycleId: string): Promise<PhaseRecord[]> {
  const { rows } = await db.query<PhaseRecord>(
    'SELECT phase, started_at AS "startedAt", ended_at AS "endedAt" FROM cycle_phase WHERE cycle_id = $1 ORDER BY started_at, phase',
    [cycleId],
  );
  return rows;
}
