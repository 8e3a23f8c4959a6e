import type { ProposedMeasure, TaskResult } from '@sozialraum/contracts';
import type { Queryable } from './db';

/** A measure as the cycle knows it: what the decision and implementation phases need. */
export interface MeasureRef {
  id: string;
  needKey: string;
  department: string;
  title: string;
}

/**
 * Where measures live: the measures service (`createMeasuresServicePort`, what the worker uses) or, for tests
 * of the workflow alone, rows of strategy.measure_proposal (`createSqlMeasurePort`). Every call is idempotent
 * for the same `taskId`, because activities are retried: the SQL port writes in the caller's transaction, the
 * service port sends idempotency keys and checks a measure's status before it changes it.
 */
export interface MeasurePort {
  /** Stores a department's proposals and returns them with their IDs, in the order given. */
  proposeMeasures(input: { cycleId: string; taskId: string; department: string; measures: ProposedMeasure[] }): Promise<MeasureRef[]>;
  /** Applies the steering committee's decisions; approved/rejected are final, returned ones are done with. */
  decideMeasures(input: { cycleId: string; taskId: string; decisions: TaskResult<'decide-package'>['decisions'] }): Promise<void>;
  /** Records the latest status of each reported measure (finished → completed). */
  reportMeasures(input: { cycleId: string; taskId: string; reports: TaskResult<'report-status'>['reports'] }): Promise<void>;
  evaluateMeasure(input: { cycleId: string; taskId: string; evaluation: TaskResult<'evaluate-measure'>; by: string; at: string }): Promise<void>;
}

/** Builds the port for one unit of work; the SQL port joins the completion's transaction. */
export type MeasurePortFactory = (db: Queryable) => MeasurePort;

const decided = { approve: 'approved', reject: 'rejected', return: 'returned' } as const;

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

/** Its status writes step aside for a measure the measures service's events already keep current. */
export const createSqlMeasurePort: MeasurePortFactory = (db) => ({
  proposeMeasures: async ({ cycleId, taskId, department, measures }) => {
    const refs: MeasureRef[] = [];
    for (const [index, measure] of measures.entries()) refs.push(await recordProposal(db, { id: `${taskId}#${index}`, cycleId, department, measure }));
    return refs;
  },
  decideMeasures: async ({ decisions }) => {
    for (const d of decisions) {
      await db.query(`UPDATE measure_proposal SET status = $2, updated_at = now() WHERE id = $1 AND last_event_id IS NULL`, [d.measureId, decided[d.decision]]);
    }
  },
  reportMeasures: async ({ reports }) => {
    for (const r of reports) {
      await db.query(
        `UPDATE measure_proposal SET progress = $2, traffic_light = $3, status = $4, updated_at = now() WHERE id = $1 AND last_event_id IS NULL`,
        [r.measureId, r.progress, r.trafficLight, r.finished ? 'completed' : 'in-progress'],
      );
    }
  },
  evaluateMeasure: async ({ cycleId, taskId, evaluation, by, at }) => {
    await db.query(
      `INSERT INTO measure_evaluation (measure_id, cycle_id, task_id, outcome, recommendation, lessons, evaluated_by, evaluated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (measure_id) DO NOTHING`,
      [evaluation.measureId, cycleId, taskId, evaluation.outcome, evaluation.recommendation, evaluation.lessons ?? null, by, at],
    );
  },
});
