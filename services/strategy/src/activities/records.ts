import type { CompletionRecord, MeasureRef, TaskResult, TaskType } from '@sozialraum/contracts';
import { type Pool, type Queryable, withTransaction } from '@sozialraum/kit/db';
import { insertDecision, insertParticipation, replaceGoalsAndNeeds } from '../data/cycle-content.repository';
import { writeTaskResult } from '../data/task-lifecycle.repository';
import { measureCopy } from './measure-copy';

type Copy = ReturnType<typeof measureCopy>;
type Writer = (db: Queryable, copy: Copy, c: CompletionRecord) => Promise<MeasureRef[] | void>;
const as = <T extends TaskType>(c: CompletionRecord) => c.result as TaskResult<T>;

/** The domain records each task type leaves behind, written in the completion's transaction; keys are deterministic. */
const writers: Partial<Record<TaskType, Writer>> = {
  'document-participation': async (db, _port, c) => {
    for (const [index, r] of as<'document-participation'>(c).records.entries()) {
      await insertParticipation(db, {
        id: `${c.task.id}#${index}`, cycleId: c.cycleId, format: r.format, date: r.date, actors: r.actors, targetGroups: r.targetGroups,
        participants: r.participants, results: r.results, recordedBy: c.by.name, recordedAt: c.at,
      });
    }
  },
  // A returned and reworked set replaces the previous one as a whole.
  'set-goals': async (db, _port, c) => {
    const { goals, needs } = as<'set-goals'>(c);
    const departments = [...new Set(needs.flatMap((n) => n.departments))].sort();
    await replaceGoalsAndNeeds(
      db,
      c.cycleId,
      goals.map((g) => ({ title: g.title, description: g.description ?? null, indicatorKey: g.indicatorKey ?? null, targetValue: g.targetValue ?? null, targetYear: g.targetYear ?? null })),
      needs.map((n) => ({ key: n.key, title: n.title, description: n.description ?? null, targetGroups: n.targetGroups, departments: n.departments })),
      departments,
    );
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
      await insertDecision(db, {
        id: `${c.task.id}#${d.measureId}`, cycleId: c.cycleId, measureId: d.measureId, decision: d.decision, reason: d.reason ?? null, decidedBy: c.by.name, decidedAt: c.at,
      });
    }
    await copy.decideMeasures({ decisions });
  },
  'report-status': (_db, copy, c) => copy.reportMeasures({ reports: as<'report-status'>(c).reports }),
  'evaluate-measure': (_db, copy, c) =>
    copy.evaluateMeasure({ cycleId: c.cycleId, taskId: c.task.id, evaluation: as<'evaluate-measure'>(c), by: c.by.name, at: c.at }),
};

/**
 * Writes the task's result and its domain records in one transaction (the measures service has done its part
 * before); returns a proposal's measures. A task without domain records is one statement, without BEGIN and
 * COMMIT around it: two round trips fewer on the way from a completion to the next task.
 */
export async function recordCompletion(pool: Pool, c: CompletionRecord): Promise<MeasureRef[]> {
  const result = { taskId: c.task.id, result: c.result, completedBy: c.by.name, completedAt: c.at };
  const writer = writers[c.task.type];
  if (!writer) {
    await writeTaskResult(pool, result);
    return [];
  }
  return withTransaction(pool, async (db) => {
    await writeTaskResult(db, result);
    return (await writer(db, measureCopy(db), c)) ?? [];
  });
}
