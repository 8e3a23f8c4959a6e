import { DECIDED_STATUS, type MeasureRef, type ProposedMeasure, type TaskResult } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';

/** A proposal in the strategy read model (the cycle detail shows it), under the ID its port gave it. */
export async function recordProposal(db: Queryable, p: { id: string; cycleId: string; department: string; measure: ProposedMeasure }): Promise<MeasureRef> {
  const m = p.measure;
  await db.query(
    `INSERT INTO measure_proposal (id, cycle_id, need_key, department, title, description, budget_planned, starts_on, ends_on, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed') ON CONFLICT (id) DO NOTHING`,
    [p.id, p.cycleId, m.needKey, p.department, m.title, m.description, m.budgetPlanned ?? null, m.start ?? null, m.end ?? null],
  );
  return { id: p.id, needKey: m.needKey, department: p.department, title: m.title };
}

/**
 * The cycle's copy of its measures (strategy.measure_proposal), which the cycle detail shows. The measures
 * service owns the measures; its events keep the copy current (recordMeasureEvent), so the status writes
 * here step aside for a measure an event has reached.
 */
export const measureCopy = (db: Queryable) => ({
  /** Under the IDs the measures service gave them; cycles from before it numbered them `<task id>#<index>`. */
  proposeMeasures: async (input: { cycleId: string; taskId: string; department: string; measures: ProposedMeasure[]; ids?: string[] }) => {
    const refs: MeasureRef[] = [];
    for (const [index, measure] of input.measures.entries()) {
      const id = input.ids?.[index] ?? `${input.taskId}#${index}`;
      refs.push(await recordProposal(db, { id, cycleId: input.cycleId, department: input.department, measure }));
    }
    return refs;
  },
  decideMeasures: async ({ decisions }: { decisions: TaskResult<'decide-package'>['decisions'] }) => {
    for (const d of decisions) {
      await db.query(`UPDATE measure_proposal SET status = $2, updated_at = now() WHERE id = $1 AND last_event_id IS NULL`, [d.measureId, DECIDED_STATUS[d.decision]]);
    }
  },
  reportMeasures: async ({ reports }: { reports: TaskResult<'report-status'>['reports'] }) => {
    for (const r of reports) {
      await db.query(
        `UPDATE measure_proposal SET progress = $2, traffic_light = $3, status = $4, updated_at = now() WHERE id = $1 AND last_event_id IS NULL`,
        [r.measureId, r.progress, r.trafficLight, r.finished ? 'completed' : 'in-progress'],
      );
    }
  },
  evaluateMeasure: async ({ cycleId, taskId, evaluation, by, at }: { cycleId: string; taskId: string; evaluation: TaskResult<'evaluate-measure'>; by: string; at: string }) => {
    await db.query(
      `INSERT INTO measure_evaluation (measure_id, cycle_id, task_id, outcome, recommendation, lessons, evaluated_by, evaluated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (measure_id) DO NOTHING`,
      [evaluation.measureId, cycleId, taskId, evaluation.outcome, evaluation.recommendation, evaluation.lessons ?? null, by, at],
    );
  },
});
