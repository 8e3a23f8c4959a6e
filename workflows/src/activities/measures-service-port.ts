import { type BudgetChange, type FieldProblems, type MeasureStatus, parseCycleWorkflowId, REJECTIONS } from '@sozialraum/contracts';
import { AppError, createServiceClient, createServiceTokenProvider } from '@sozialraum/kit';
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Queryable } from './db';
import { createSqlMeasurePort, type MeasurePort, type MeasurePortFactory, type MeasureRef, recordProposal } from './measure-port';

export interface MeasuresServiceOptions {
  baseUrl: string;
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}

/** A measure as the measures service answers, as far as the port reads it. */
interface ServiceMeasure {
  id: string;
  status: MeasureStatus;
  version: number;
  budget: { planned: number | null };
  startsOn: string | null;
  evaluation: object | null;
  createdAt: string;
}

/** The measures service's API with the worker's client-credentials token (realm role `cycle-worker`). */
function measuresApi(options: MeasuresServiceOptions) {
  const send = createServiceClient({ baseUrl: options.baseUrl, token: createServiceTokenProvider(options), timeoutMs: 8_000 });
  const idempotent = (key: string) => ({ 'idempotency-key': key });
  const measure = (id: string, action = '') => `/v1/measures/${encodeURIComponent(id)}${action}`;
  return {
    get: (id: string) => send<ServiceMeasure>('GET', measure(id)),
    create: (body: Record<string, unknown>, key: string) => send<ServiceMeasure>('POST', '/v1/measures', body, idempotent(key)),
    transition: (id: string, body: Record<string, unknown>) => send<ServiceMeasure>('POST', measure(id, '/transitions'), body),
    report: (id: string, body: Record<string, unknown>, key: string) => send<unknown>('POST', measure(id, '/reports'), body, idempotent(key)),
    evaluate: (id: string, body: Record<string, unknown>) => send<unknown>('POST', measure(id, '/evaluation'), body),
  };
}
type MeasuresApi = ReturnType<typeof measuresApi>;

/**
 * Where a measure is headed, and the next status on the way from each status; `done` when it is there or has
 * gone past it (a retried activity, or a change made in the measures service meanwhile).
 */
const ways = {
  approve: { done: ['in-progress', 'paused', 'completed', 'cancelled'], next: { proposed: 'approved', approved: 'in-progress' } },
  start: { done: ['in-progress', 'paused', 'completed', 'cancelled'], next: { approved: 'in-progress' } },
  complete: { done: ['completed', 'cancelled'], next: { approved: 'in-progress', paused: 'in-progress', 'in-progress': 'completed' } },
  reject: { done: ['rejected'], next: { proposed: 'rejected' } },
  return: { done: ['returned'], next: { proposed: 'returned' } },
} satisfies Record<string, { done: MeasureStatus[]; next: Partial<Record<MeasureStatus, MeasureStatus>> }>;
type Way = keyof typeof ways;

/**
 * Moves a measure along its way, one transition at a time with the version it read; a conflict reads again.
 * An approval names the planned budget the committee was shown (`shown`): the measure is approved with that
 * amount only while it still has it, and the version on each transition makes a change in between a conflict.
 */
async function bring(api: MeasuresApi, id: string, way: Way, reason: string, shown?: { index: number; budget: number | null }): Promise<ServiceMeasure> {
  const { done, next } = ways[way] as { done: MeasureStatus[]; next: Partial<Record<MeasureStatus, MeasureStatus>> };
  let measure = await api.get(id);
  for (let step = 0; step < 5; step++) {
    if (done.includes(measure.status)) return measure;
    const to = next[measure.status];
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

const REPORTABLE: MeasureStatus[] = ['approved', 'in-progress', 'paused', 'completed'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Measures proposed through the SQL port (cycles that ran before the switch) stay in the read model only. */
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

/** A 4xx of the measures service will not pass by itself; anything else (5xx, network) is retried by Temporal. */
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

async function targetGroupsOf(db: Queryable, cycleId: string, needKey: string): Promise<string[]> {
  const { rows } = await db.query<{ target_groups: string[] }>(`SELECT target_groups FROM need WHERE cycle_id = $1 AND key = $2`, [cycleId, needKey]);
  return rows[0]?.target_groups ?? [];
}

/** The evaluation compares the year before the measure began with the year it is evaluated in. */
function periods(measure: ServiceMeasure, at: string): { from: string; to: string } {
  const to = Number(at.slice(0, 4));
  const began = Number((measure.startsOn ?? measure.createdAt).slice(0, 4));
  return { from: String(Math.min(began, to) - 1), to: String(to) };
}

/**
 * Measures in the measures service: proposals become measures (Idempotency-Key `<task id>#<index>`, cycle
 * reference = the cycle's workflow ID, the cycle's space, with the proposal's milestones), decisions are
 * transitions (an approved measure starts at once: approved → in-progress), status reports are filed there
 * (Idempotency-Key `<task id>#<measure id>`; finished → completed) and so are evaluations. The strategy read model keeps its copy for the cycle detail.
 */
export function createMeasuresServicePort(options: MeasuresServiceOptions): MeasurePortFactory {
  const api = measuresApi(options);
  return (db): MeasurePort => {
    const copy = createSqlMeasurePort(db);
    return {
      proposeMeasures: refusing(async ({ cycleId, taskId, department, measures }) => {
        const space = parseCycleWorkflowId(cycleId)?.spaceCode;
        const refs: MeasureRef[] = [];
        for (const [index, m] of measures.entries()) {
          const created = await api.create(
            {
              title: m.title, description: m.description, cycleId, department, needs: [m.needKey], spaces: space ? [space] : [],
              targetGroups: await targetGroupsOf(db, cycleId, m.needKey), startsOn: m.start ?? null, endsOn: m.end ?? null,
              ...(m.budgetPlanned === undefined ? {} : { budget: { planned: m.budgetPlanned } }),
              ...(m.milestones?.length ? { milestones: m.milestones.map(({ title, dueOn }) => ({ title, dueOn })) } : {}),
            },
            `${taskId}#${index}`,
          );
          refs.push(await recordProposal(db, { id: created.id, cycleId, department, measure: m }));
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
          const shown = shownOf(d);
          await bring(api, d.measureId, d.decision, d.reason?.trim() || `decided by the steering committee (${input.taskId})`, shown);
        }
        await copy.decideMeasures(input);
      }),

      reportMeasures: refusing(async (input) => {
        for (const r of input.reports.filter((r) => inService(r.measureId))) {
          const measure = await api.get(r.measureId);
          if (!REPORTABLE.includes(measure.status)) {
            log.warn('status report not filed: the measure takes no reports any more', { measureId: r.measureId, status: measure.status });
            continue;
          }
          await api.report(r.measureId, { text: r.text, progress: r.progress, trafficLight: r.trafficLight }, `${input.taskId}#${r.measureId}`);
          await bring(api, r.measureId, r.finished ? 'complete' : 'start', `reported ${r.finished ? 'finished' : 'under way'} (${input.taskId})`);
        }
        await copy.reportMeasures(input);
      }),

      evaluateMeasure: refusing(async (input) => {
        const id = input.evaluation.measureId;
        if (inService(id)) {
          // Evaluable once work has started; one evaluation per measure, so a retry finds it there.
          const measure = await bring(api, id, 'start', `evaluated (${input.taskId})`);
          if (!measure.evaluation) {
            const { outcome, recommendation, lessons } = input.evaluation;
            try {
              await api.evaluate(id, { outcome, recommendation, ...(lessons ? { lessons } : {}), ...periods(measure, input.at) });
            } catch (error) {
              if (!(error instanceof AppError && error.status === 409 && (await api.get(id)).evaluation)) throw error;
            }
          }
        }
        await copy.evaluateMeasure(input);
      }),
    };
  };
}
