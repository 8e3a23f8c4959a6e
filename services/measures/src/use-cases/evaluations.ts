import { type Principal, problems } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { observe, type Observation, periodsInOrder } from '../domain/evaluation';
import { EVALUABLE_STATUSES } from '@sozialraum/contracts';
import { type EvaluationRecord, findEvaluation, insertEvaluation } from '../data/evaluations.repository';
import type { MeasureRecord } from '../data/measures.repository';
import { appendOutbox } from '../data/outbox.repository';
import { EventTypes } from '../outbox/events';
import { changeableMeasure } from './measure-access';
import type { MonitoringApi } from './monitoring';
import type { components } from '../generated/api';
import { recordChange } from './record';

export type EvaluationInput = components['schemas']['EvaluationInput'];

function checkEvaluable(measure: MeasureRecord): void {
  if (!EVALUABLE_STATUSES.includes(measure.status)) {
    throw problems.conflict(`A ${measure.status} measure cannot be evaluated yet; it must be ${EVALUABLE_STATUSES.join(', ')}.`, {
      measureStatus: measure.status,
      allowedStatuses: EVALUABLE_STATUSES,
    });
  }
}

const alreadyEvaluated = (id: string) => problems.conflict(`Measure ${id} has been evaluated already; an evaluation is not changed afterwards.`);

/** The change of each indicator the measure names, in the measure's spaces, as the monitoring service reports it. */
async function observations(monitoring: MonitoringApi, measure: MeasureRecord, input: EvaluationInput): Promise<Observation[]> {
  return Promise.all(
    measure.indicators.map(async ({ key, direction }) => {
      const changes = await monitoring.indicatorChange(key, input.from, input.to, input.spaceType);
      return observe(key, direction, changes.filter((c) => measure.spaces.includes(c.spaceCode)));
    }),
  );
}

/**
 * Evaluates a started measure. The observed change is read from the monitoring service before the
 * transaction (no network call holds a lock); the evaluation, its audit entry and its event are one.
 */
export async function fileEvaluation(pool: Pool, monitoring: MonitoringApi, principal: Principal, measureId: string, input: EvaluationInput): Promise<EvaluationRecord> {
  const measure = await changeableMeasure(pool, principal, measureId, false);
  checkEvaluable(measure);
  if (await findEvaluation(pool, measureId)) throw alreadyEvaluated(measureId);
  if (!periodsInOrder(input.from, input.to)) {
    throw problems.unprocessable(`The period "from" (${input.from}) must come before "to" (${input.to}).`, [{ pointer: '/body/to', detail: 'not after from' }]);
  }
  const observed = await observations(monitoring, measure, input);
  return withTransaction(pool, async (client) => {
    const current = await changeableMeasure(client, principal, measureId);
    checkEvaluable(current);
    const evaluation = await insertEvaluation(client, measureId, {
      outcome: input.outcome.trim(),
      recommendation: input.recommendation,
      lessons: input.lessons?.trim() ?? '',
      from: input.from,
      to: input.to,
      spaceType: input.spaceType ?? null,
      observed,
      createdBy: principal.name,
    });
    if (!evaluation) throw alreadyEvaluated(measureId);
    await recordChange(client, principal, { entity: 'evaluation', entityId: measureId, measureId, department: current.department, action: 'created', before: null, after: evaluation });
    await appendOutbox(client, {
      type: EventTypes.evaluationFiled,
      aggregateId: measureId,
      payload: { measureId, cycleId: current.cycleId, department: current.department, recommendation: evaluation.recommendation },
    });
    return evaluation;
  });
}
