import type { Queryable } from '@sozialraum/kit/db';

/**
 * The cycle's copy of its measures (strategy.measure_proposal). The measures service owns the measures; its
 * events keep the copy current (applyMeasureEvent), so the status writes of the cycle's own tasks step aside
 * for a measure an event has reached (`last_event_id IS NULL`).
 */

export async function insertProposal(
  db: Queryable,
  p: { id: string; cycleId: string; needKey: string; department: string; title: string; description: string; budgetPlanned: number | null; startsOn: string | null; endsOn: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO measure_proposal (id, cycle_id, need_key, department, title, description, budget_planned, starts_on, ends_on, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed') ON CONFLICT (id) DO NOTHING`,
    [p.id, p.cycleId, p.needKey, p.department, p.title, p.description, p.budgetPlanned, p.startsOn, p.endsOn],
  );
}

export async function setProposalStatus(db: Queryable, id: string, status: string): Promise<void> {
  await db.query(`UPDATE measure_proposal SET status = $2, updated_at = now() WHERE id = $1 AND last_event_id IS NULL`, [id, status]);
}

export async function setProposalProgress(db: Queryable, id: string, r: { progress: number; trafficLight: string; status: string }): Promise<void> {
  await db.query(
    `UPDATE measure_proposal SET progress = $2, traffic_light = $3, status = $4, updated_at = now() WHERE id = $1 AND last_event_id IS NULL`,
    [id, r.progress, r.trafficLight, r.status],
  );
}

export async function setProposalBudget(db: Queryable, id: string, budgetPlanned: number | null): Promise<void> {
  await db.query(`UPDATE measure_proposal SET budget_planned = $2, updated_at = now() WHERE id = $1`, [id, budgetPlanned]);
}

export async function insertEvaluation(
  db: Queryable,
  e: { measureId: string; cycleId: string; taskId: string; outcome: string; recommendation: string; lessons: string | null; evaluatedBy: string; evaluatedAt: string },
): Promise<void> {
  await db.query(
    `INSERT INTO measure_evaluation (measure_id, cycle_id, task_id, outcome, recommendation, lessons, evaluated_by, evaluated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (measure_id) DO NOTHING`,
    [e.measureId, e.cycleId, e.taskId, e.outcome, e.recommendation, e.lessons, e.evaluatedBy, e.evaluatedAt],
  );
}

/** Brings the copy to a measure event: newer events only, so retries and late deliveries change nothing. */
export async function applyMeasureEvent(
  db: Queryable,
  e: { measureId: string; cycleId: string; status: string | null; progress: number | null; trafficLight: string | null; eventId: number },
): Promise<void> {
  await db.query(
    `UPDATE measure_proposal
        SET status = COALESCE($3, status), progress = COALESCE($4, progress), traffic_light = COALESCE($5, traffic_light),
            last_event_id = $6, updated_at = now()
      WHERE id = $1 AND cycle_id = $2 AND (last_event_id IS NULL OR last_event_id < $6)`,
    [e.measureId, e.cycleId, e.status, e.progress, e.trafficLight, e.eventId],
  );
}
