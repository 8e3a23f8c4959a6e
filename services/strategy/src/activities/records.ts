import type { CompletionRecord, MeasureRef, TaskResult, TaskType } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';
import { measureCopy } from './measure-copy';

type Copy = ReturnType<typeof measureCopy>;
type Writer = (db: Queryable, copy: Copy, c: CompletionRecord) => Promise<MeasureRef[] | void>;
const as = <T extends TaskType>(c: CompletionRecord) => c.result as TaskResult<T>;

/** The domain records each task type leaves behind, written in the completion's transaction; keys are deterministic. */
const writers: Partial<Record<TaskType, Writer>> = {
  'document-participation': async (db, _port, c) => {
    for (const [index, r] of as<'document-participation'>(c).records.entries()) {
      await db.query(
        `INSERT INTO participation (id, cycle_id, format, held_on, actors, target_groups, participants, results, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
        [`${c.task.id}#${index}`, c.cycleId, r.format, r.date, r.actors, r.targetGroups, r.participants, r.results, c.by.name, c.at],
      );
    }
  },
  // A returned and reworked set replaces the previous one as a whole.
  'set-goals': async (db, _port, c) => {
    const { goals, needs } = as<'set-goals'>(c);
    await db.query(`DELETE FROM goal WHERE cycle_id = $1`, [c.cycleId]);
    await db.query(`DELETE FROM need WHERE cycle_id = $1`, [c.cycleId]);
    for (const [position, g] of goals.entries()) {
      await db.query(
        `INSERT INTO goal (cycle_id, position, title, description, indicator_key, target_value, target_year) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [c.cycleId, position, g.title, g.description ?? null, g.indicatorKey ?? null, g.targetValue ?? null, g.targetYear ?? null],
      );
    }
    for (const n of needs) {
      await db.query(
        `INSERT INTO need (cycle_id, key, title, description, target_groups, departments) VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.cycleId, n.key, n.title, n.description ?? null, n.targetGroups, n.departments],
      );
    }
    const departments = [...new Set(needs.flatMap((n) => n.departments))].sort();
    await db.query(`UPDATE cycle SET departments = $2, updated_at = now() WHERE id = $1`, [c.cycleId, departments]);
  },
  'propose-measures': async (_db, copy, c) => {
    const form = as<'propose-measures'>(c);
    if (form.decision === 'decline') return [];
    const ids = c.measures?.map((m) => m.id);
    return copy.proposeMeasures({ cycleId: c.cycleId, taskId: c.task.id, department: c.task.department ?? '', measures: form.measures, ...(ids ? { ids } : {}) });
  },
  'decide-package': async (db, copy, c) => {
    const { decisions } = as<'decide-package'>(c);
    for (const d of decisions) {
      await db.query(
        `INSERT INTO decision (id, cycle_id, measure_id, decision, reason, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [`${c.task.id}#${d.measureId}`, c.cycleId, d.measureId, d.decision, d.reason ?? null, c.by.name, c.at],
      );
    }
    await copy.decideMeasures({ decisions });
  },
  'report-status': (_db, copy, c) => copy.reportMeasures({ reports: as<'report-status'>(c).reports }),
  'evaluate-measure': (_db, copy, c) =>
    copy.evaluateMeasure({ cycleId: c.cycleId, taskId: c.task.id, evaluation: as<'evaluate-measure'>(c), by: c.by.name, at: c.at }),
};

/** Writes the task's result and its domain records (the measures service has done its part before); returns a proposal's measures. */
export async function writeCompletion(db: Queryable, c: CompletionRecord): Promise<MeasureRef[]> {
  await db.query(
    `UPDATE task SET status = 'completed', result = $2, completed_by = $3, completed_at = $4, updated_at = now() WHERE id = $1`,
    [c.task.id, JSON.stringify(c.result), c.by.name, c.at],
  );
  return (await writers[c.task.type]?.(db, measureCopy(db), c)) ?? [];
}
