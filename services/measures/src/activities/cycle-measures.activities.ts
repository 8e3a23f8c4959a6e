import {
  type BudgetChange, DECIDED_STATUS, type DecidedStatus, EVALUABLE_STATUSES, type FieldProblems, isFinal, type MeasureRef, type MeasuresActivities,
  type MeasureStatus, nextStatusToward, parseCycleWorkflowId, REJECTIONS, REPORTABLE_STATUSES,
} from '@sozialraum/contracts';
import { AppError, type Principal, Roles } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { ApplicationFailure, log } from '@temporalio/activity';
import { fileEvaluation } from '../use-cases/evaluations';
import { createMeasure, measureView, type MeasureInput } from '../use-cases/measures';
import type { MonitoringApi } from '../use-cases/monitoring';
import { fileReport, type ReportInput } from '../use-cases/reports';
import { transitionMeasure } from '../use-cases/transitions';

export interface CycleActivityDependencies {
  pool: Pool;
  monitoring: MonitoringApi;
  reportIntervalDays: number;
}

/**
 * Who the cycle's activities act as in the use cases (audit entries, idempotency keys): the strategy cycle,
 * with the role (no token carries it) the use cases let change measures of every department.
 */
export const CYCLE_ACTOR: Principal = {
  id: 'strategy-cycle', name: 'Strategiezyklus', roles: [Roles.cycleActivities, Roles.service], departments: [], committees: [], spaces: [],
};

type ServiceMeasure = Awaited<ReturnType<typeof measureView>>;

/** The use cases the cycle calls, as the cycle's actor, each in its own transaction with its outbox events. */
function measuresApi({ pool, monitoring, reportIntervalDays }: CycleActivityDependencies) {
  const get = (id: string) => measureView(pool, CYCLE_ACTOR, id, reportIntervalDays);
  return {
    get,
    create: async (input: MeasureInput, key: string) => get((await createMeasure(pool, CYCLE_ACTOR, input, key)).id),
    transition: async (id: string, input: { to: MeasureStatus; version: number; reason: string; approvedBudget?: number }) => {
      await transitionMeasure(pool, CYCLE_ACTOR, id, input);
      return get(id);
    },
    report: (id: string, input: ReportInput, key: string) => fileReport(pool, CYCLE_ACTOR, id, input, key),
    evaluate: (id: string, input: Parameters<typeof fileEvaluation>[4]) => fileEvaluation(pool, monitoring, CYCLE_ACTOR, id, input),
  };
}
type MeasuresApi = ReturnType<typeof measuresApi>;

/**
 * Where a measure is headed (`to`, by the contracts' status machine, taking at most the one `decision` named), and
 * where it counts as `done`: there, or gone past it (a retried activity, or a change made in the measures service
 * meanwhile). An approved measure starts at once.
 */
interface Route { to: MeasureStatus; decision?: DecidedStatus; done: readonly MeasureStatus[] }
const ways = {
  approve: { to: 'in-progress', decision: DECIDED_STATUS.approve, done: EVALUABLE_STATUSES },
  start: { to: 'in-progress', done: EVALUABLE_STATUSES },
  complete: { to: 'completed', done: EVALUABLE_STATUSES.filter(isFinal) },
  reject: { to: DECIDED_STATUS.reject, decision: DECIDED_STATUS.reject, done: [DECIDED_STATUS.reject] },
  return: { to: DECIDED_STATUS.return, decision: DECIDED_STATUS.return, done: [DECIDED_STATUS.return] },
} satisfies Record<string, Route>;
type Way = keyof typeof ways;

/**
 * Moves a measure along its way, one transition at a time with the version it read; a conflict reads again.
 * An approval names the planned budget the committee was shown (`shown`): the measure is approved with that
 * amount only while it still has it, and the version on each transition makes a change in between a conflict.
 */
async function bring(api: MeasuresApi, id: string, way: Way, reason: string, shown?: { index: number; budget: number | null }): Promise<ServiceMeasure> {
  const { to: target, decision, done }: Route = ways[way];
  let measure = await api.get(id);
  for (let step = 0; step < 5; step++) {
    if (done.includes(measure.status)) return measure;
    const to = nextStatusToward(measure.status, target, decision);
    if (!to) throw refusal(`Measure ${id} is ${measure.status} in the measures service; it cannot ${way} from there.`);
    if (to === 'approved' && shown && measure.budget.planned !== shown.budget) {
      throw budgetChanged([{ index: shown.index, change: { measureId: id, shown: shown.budget, current: measure.budget.planned } }]);
    }
    const budget = to === 'approved' && measure.budget.planned !== null ? { approvedBudget: measure.budget.planned } : {};
    try {
      measure = await api.transition(id, { to, version: measure.version, reason, ...budget });
    } catch (error) {
      if (!(error instanceof AppError && error.status === 409)) throw error;
      measure = await api.get(id);
    }
  }
  throw new Error(`Measure ${id} kept changing while the cycle tried to ${way} it; trying again.`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Measures numbered by the read model (cycles that ran before the measures service) are not in this service. */
const inService = (id: string) => UUID.test(id);

/** Refused for good: the completion is refused with this message and the task stays open. */
const refusal = (message: string) => ApplicationFailure.nonRetryable(message, REJECTIONS.invalidResult);

const amount = (budget: number | null) => (budget === null ? 'none' : String(budget));

/** Refused: the committee was shown other amounts than the measures now have; details say which and what they are now. */
function budgetChanged(changes: Array<{ index: number; change: BudgetChange }>): ApplicationFailure {
  const fields: FieldProblems = changes.map(({ index, change }) => ({
    pointer: `/result/decisions/${index}/budgetPlanned`,
    detail: `the planned budget changed since the decision task opened: shown ${amount(change.shown)}, now ${amount(change.current)}`,
  }));
  const which = changes.map(({ change }) => `${change.measureId} (shown ${amount(change.shown)}, now ${amount(change.current)})`).join(', ');
  return ApplicationFailure.create({
    message: `The planned budget changed since the decision task opened: ${which}. Nothing was decided; decide again on the new amounts.`,
    type: REJECTIONS.budgetChanged,
    nonRetryable: true,
    details: [fields, changes.map(({ change }) => change)],
  });
}

/** A 4xx of a use case will not pass by itself; anything else (the database away) is retried by Temporal. */
function refusing<A, R>(work: (input: A) => Promise<R>): (input: A) => Promise<R> {
  return async (input) => {
    try {
      return await work(input);
    } catch (error) {
      if (error instanceof ApplicationFailure) throw error;
      if (error instanceof AppError && error.status < 500 && ![408, 429].includes(error.status)) throw refusal(`The measures service refused: ${error.message}`);
      throw error;
    }
  };
}

/** The evaluation compares the year before the measure began with the year it is evaluated in. */
function periods(measure: ServiceMeasure, at: string): { from: string; to: string } {
  const to = Number(at.slice(0, 4));
  const began = Number((measure.startsOn ?? measure.createdAt).slice(0, 4));
  return { from: String(Math.min(began, to) - 1), to: String(to) };
}


/**
 * The cycle's measures in this service: proposals become measures (idempotent by `<task id>#<index>`, cycle
 * reference = the cycle's workflow ID, the cycle's space, with the proposal's milestones), decisions are
 * transitions (an approved measure starts at once: approved → in-progress), status reports are filed
 * (idempotent by `<task id>#<measure id>`; finished → completed) and so are evaluations. Each step is a use
 * case with its own transaction and outbox event, as a request through the API would be.
 */
export function cycleMeasureActivities(deps: CycleActivityDependencies): MeasuresActivities {
  const api = measuresApi(deps);
  return {
    proposeMeasures: refusing(async ({ cycleId, taskId, department, measures }) => {
      const space = parseCycleWorkflowId(cycleId)?.spaceCode;
      const refs: MeasureRef[] = [];
      for (const [index, m] of measures.entries()) {
        const created = await api.create(
          {
            title: m.title, description: m.description, cycleId, department, needs: [m.needKey], spaces: space ? [space] : [],
            targetGroups: m.targetGroups, startsOn: m.start ?? null, endsOn: m.end ?? null,
            ...(m.budgetPlanned === undefined ? {} : { budget: { planned: m.budgetPlanned } }),
            ...(m.milestones?.length ? { milestones: m.milestones.map(({ title, dueOn }) => ({ title, dueOn })) } : {}),
          } as MeasureInput,
          `${taskId}#${index}`,
        );
        refs.push({ id: created.id, needKey: m.needKey, department, title: m.title });
      }
      return refs;
    }),

    decideMeasures: refusing(async (input) => {
      const decisions = input.decisions.map((d, index) => ({ ...d, index })).filter((d) => inService(d.measureId));
      // Every approval is checked before anything is decided, so a changed budget leaves the whole package undecided.
      const changed: Array<{ index: number; change: BudgetChange }> = [];
      // A result without the amount predates the field (the form requires it now): it is approved as before.
      const shownOf = (d: (typeof decisions)[number]) =>
        d.decision === 'approve' && d.budgetPlanned !== undefined ? { index: d.index, budget: d.budgetPlanned } : undefined;
      for (const d of decisions) {
        const shown = shownOf(d);
        if (!shown) continue;
        const measure = await api.get(d.measureId);
        if (measure.status === 'proposed' && measure.budget.planned !== shown.budget) {
          changed.push({ index: d.index, change: { measureId: d.measureId, shown: shown.budget, current: measure.budget.planned } });
        }
      }
      if (changed.length) throw budgetChanged(changed);
      for (const d of decisions) {
        await bring(api, d.measureId, d.decision, d.reason?.trim() || `decided by the steering committee (${input.taskId})`, shownOf(d));
      }
    }),

    reportMeasures: refusing(async (input) => {
      for (const r of input.reports.filter((r) => inService(r.measureId))) {
        const measure = await api.get(r.measureId);
        if (!REPORTABLE_STATUSES.includes(measure.status)) {
          log.warn('status report not filed: the measure takes no reports any more', { measureId: r.measureId, status: measure.status });
          continue;
        }
        await api.report(r.measureId, { text: r.text, progress: r.progress, trafficLight: r.trafficLight }, `${input.taskId}#${r.measureId}`);
        await bring(api, r.measureId, r.finished ? 'complete' : 'start', `reported ${r.finished ? 'finished' : 'under way'} (${input.taskId})`);
      }
    }),

    evaluateMeasure: refusing(async (input) => {
      const id = input.evaluation.measureId;
      if (!inService(id)) return;
      // Evaluable once work has started; one evaluation per measure, so a retry finds it there.
      const measure = await bring(api, id, 'start', `evaluated (${input.taskId})`);
      if (measure.evaluation) return;
      const { outcome, recommendation, lessons } = input.evaluation;
      try {
        await api.evaluate(id, { outcome, recommendation, ...(lessons ? { lessons } : {}), ...periods(measure, input.at) });
      } catch (error) {
        if (!(error instanceof AppError && error.status === 409 && (await api.get(id)).evaluation)) throw error;
      }
    }),
  };
}
