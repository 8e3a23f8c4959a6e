import type { Goal, Need } from '@sozialraum/contracts/browser';
import type { Task } from '../task-queries';

/**
 * What the workflow puts into each task's `context` (workflows/src/workflows/*.ts), typed for the forms and
 * the task page. The API types it as an open object, so each reader falls back to "nothing" when it is missing.
 */

/** A measure as the workflow describes it (`describeMeasure`): its proposal and where it belongs. */
export interface ContextMeasure {
  measureId: string;
  department: string;
  title: string;
  description: string;
  needKey: string;
  budgetPlanned?: number;
  start?: string;
  end?: string;
  milestones?: Array<{ title: string; dueOn: string }>;
}

/** Before/after on a goal's indicator: analysis snapshot against reflection snapshot. */
export interface GoalComparison {
  goal: string;
  indicatorKey: string;
  indicatorName?: string;
  before: { period: string; value: number } | null;
  after: { period: string; value: number } | null;
  change: number | null;
  targetValue?: number;
  targetYear?: number;
  improved: boolean | null;
}

export interface EvaluationSummary {
  measureId: string;
  title: string;
  department: string;
  recommendation?: 'continue' | 'adapt' | 'stop';
}

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export const contextOf = (task: Task) => {
  const c = task.context ?? {};
  return {
    /** decide-package, report-status */
    measures: list<ContextMeasure>(c.measures),
    /** evaluate-measure */
    measure: (c.measure ?? undefined) as ContextMeasure | undefined,
    /** review-goals; set-goals after a return (previous.goals) */
    goals: list<Goal>(c.goals),
    /** review-goals, propose-measures */
    needs: list<Need>(c.needs),
    /** set-goals: what the working group said when it returned the goals */
    returnedWith: typeof c.returnedWith === 'string' ? c.returnedWith : undefined,
    /** set-goals: the goals and needs returned for rework */
    previous: (c.previous ?? undefined) as { goals: Goal[]; needs: Need[] } | undefined,
    /** set-goals: needs still open from the previous cycle */
    carriedNeeds: list<Need>(c.carriedNeeds),
    /** review-analysis: what the previous cycle handed over */
    carriedOver: (c.carriedOver ?? undefined) as { needs?: Need[]; measureIds?: string[]; fromCycleId?: string } | undefined,
    alertId: typeof c.alertId === 'number' ? c.alertId : undefined,
    evidenceAvailable: c.evidenceAvailable as boolean | undefined,
    /** document-participation: records documented in this cycle before this task */
    recordsSoFar: typeof c.recordsSoFar === 'number' ? c.recordsSoFar : 0,
    /** reflect-cycle, acknowledge-report */
    comparison: list<GoalComparison>(c.comparison),
    /** acknowledge-report */
    reflection: (c.reflection ?? undefined) as { summary: string; lessons: string } | undefined,
    evaluations: list<EvaluationSummary>(c.evaluations),
  };
};
