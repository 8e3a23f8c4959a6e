import type { Queryable } from '@sozialraum/kit/db';

/** The cycle as its workflow runs it: the row, its phase timeline, its snapshots and how it ends. */

export async function insertCycle(
  db: Queryable,
  c: { id: string; spaceCode: string; number: number; alertId: number | null; startedBy: string; startedAt: string },
): Promise<void> {
  // The service may have written the row already when it started the workflow: then it stays as is.
  await db.query(
    `INSERT INTO cycle (id, space_code, number, status, phase, alert_id, started_by, started_at)
     VALUES ($1, $2, $3, 'running', 'analysis', $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [c.id, c.spaceCode, c.number, c.alertId, c.startedBy, c.startedAt],
  );
}

/** The first write wins; returns what is stored (undefined without the cycle). */
export async function storeEvidenceOnce<T>(db: Queryable, cycleId: string, evidence: T): Promise<T | undefined> {
  const { rows } = await db.query<{ evidence: T }>(
    `UPDATE cycle SET evidence = COALESCE(evidence, $2), updated_at = now() WHERE id = $1 RETURNING evidence`,
    [cycleId, JSON.stringify(evidence)],
  );
  return rows[0]?.evidence;
}

export async function evidenceOf<T>(db: Queryable, cycleId: string): Promise<T | null | undefined> {
  const { rows } = await db.query<{ evidence: T | null }>(`SELECT evidence FROM cycle WHERE id = $1`, [cycleId]);
  return rows[0]?.evidence;
}

/** The first write wins; returns what is stored (undefined without the cycle). */
export async function storeReflectionOnce<T>(db: Queryable, cycleId: string, reflection: T): Promise<T | undefined> {
  const { rows } = await db.query<{ reflection: T }>(
    `UPDATE cycle SET reflection = COALESCE(reflection, $2), updated_at = now() WHERE id = $1 RETURNING reflection`,
    [cycleId, JSON.stringify(reflection)],
  );
  return rows[0]?.reflection;
}

/** Closes the previous phase and opens the next in the timeline (run it in a transaction). */
export async function enterPhase(db: Queryable, p: { cycleId: string; phase: string; previous?: string; at: string }): Promise<void> {
  if (p.previous) {
    await db.query(`UPDATE cycle_phase SET ended_at = $3 WHERE cycle_id = $1 AND phase = $2 AND ended_at IS NULL`, [p.cycleId, p.previous, p.at]);
  }
  await db.query(`INSERT INTO cycle_phase (cycle_id, phase, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [p.cycleId, p.phase, p.at]);
  await db.query(`UPDATE cycle SET phase = $2, updated_at = now() WHERE id = $1`, [p.cycleId, p.phase]);
}

/** Running ⇄ suspended only: cancelled and completed are final. */
export async function setRunningStatus(db: Queryable, cycleId: string, status: 'running' | 'suspended', reason: string | null): Promise<void> {
  await db.query(
    `UPDATE cycle SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1 AND status IN ('running', 'suspended')`,
    [cycleId, status, reason],
  );
}

/** Cancels the cycle, its open tasks and its open phase (run it in a transaction). */
export async function cancelCycle(db: Queryable, c: { cycleId: string; reason: string; at: string }): Promise<void> {
  // The cycle row first: openTask locks it (FOR SHARE), so no task can open after this commits.
  await db.query(
    `UPDATE cycle SET status = 'cancelled', status_reason = $2, finished_at = $3, updated_at = now() WHERE id = $1 AND status <> 'completed'`,
    [c.cycleId, c.reason, c.at],
  );
  await db.query(`UPDATE task SET status = 'cancelled', updated_at = now() WHERE cycle_id = $1 AND status = 'open'`, [c.cycleId]);
  await db.query(`UPDATE cycle_phase SET ended_at = $2 WHERE cycle_id = $1 AND ended_at IS NULL`, [c.cycleId, c.at]);
}

/** Completes the cycle, closes its timeline and marks needs open (carried on) or addressed (run it in a transaction). */
export async function completeCycle(db: Queryable, c: { cycleId: string; openNeedKeys: string[]; at: string }): Promise<void> {
  await db.query(`UPDATE cycle SET status = 'completed', finished_at = $2, updated_at = now() WHERE id = $1`, [c.cycleId, c.at]);
  await db.query(`UPDATE cycle_phase SET ended_at = $2 WHERE cycle_id = $1 AND ended_at IS NULL`, [c.cycleId, c.at]);
  await db.query(`UPDATE need SET status = CASE WHEN key = ANY($2) THEN 'open' ELSE 'addressed' END WHERE cycle_id = $1`, [c.cycleId, c.openNeedKeys]);
}
