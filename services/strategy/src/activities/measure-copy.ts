import { DECIDED_STATUS, type MeasureRef, type ProposedMeasure, type TaskResult } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';
import { insertEvaluation, insertProposal, setProposalProgress, setProposalStatus } from '../data/measure-proposals.repository';

/** A proposal in the strategy read model (the cycle detail shows it), under the ID its port gave it. */
export async function recordProposal(db: Queryable, p: { id: string; cycleId: string; department: string; measure: ProposedMeasure }): Promise<MeasureRef> {
  const m = p.measure;
  await insertProposal(db, {
    id: p.id, cycleId: p.cycleId, needKey: m.needKey, department: p.department, title: m.title, description: m.description,
    budgetPlanned: m.budgetPlanned ?? null, startsOn: m.start ?? null, endsOn: m.end ?? null,
  });
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
      await setProposalStatus(db, d.measureId, DECIDED_STATUS[d.decision]);
    }
  },
  reportMeasures: async ({ reports }: { reports: TaskResult<'report-status'>['reports'] }) => {
    for (const r of reports) {
      await setProposalProgress(db, r.measureId, { progress: r.progress, trafficLight: r.trafficLight, status: r.finished ? 'completed' : 'in-progress' });
    }
  },
  evaluateMeasure: async ({ cycleId, taskId, evaluation, by, at }: { cycleId: string; taskId: string; evaluation: TaskResult<'evaluate-measure'>; by: string; at: string }) => {
    await insertEvaluation(db, {
      measureId: evaluation.measureId, cycleId, taskId, outcome: evaluation.outcome, recommendation: evaluation.recommendation,
      lessons: evaluation.lessons ?? null, evaluatedBy: by, evaluatedAt: at,
    });
  },
});
