import type { Conditions, Page, Queryable } from './db';

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

const summaryColumns = `id, space_code, number, status, phase, alert_id, started_by, started_at, finished_at, status_reason,
  NULL::jsonb AS evidence, NULL::jsonb AS reflection, departments`;

export async function listCycles(db: Queryable, where: Conditions, filter: CycleFilter, page: Page): Promise<{ rows: CycleRow[]; total: number }> {
  where
    .addIf('space_code = $?', filter.space)
    .addIf('phase = $?', filter.phase)
    .addIf('status = $?', filter.status)
    .addIf('$? = ANY (departments)', filter.department);
  const limit = where.param(page.limit);
  const offset = where.param(page.offset);
  const { rows } = await db.query<CycleRow & { total: number }>(
    `SELECT ${summaryColumns}, count(*) OVER () AS total FROM cycle ${where.where()}
     ORDER BY started_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
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
