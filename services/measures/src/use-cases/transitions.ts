import { type Principal, problems } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { mayChange, mayDecide, mayTransition } from '../domain/access';
import { allFinished, checkTransition, isDecision, isFinal } from '@sozialraum/contracts';
import { cycleMeasures, findMeasure, lockCycle, updateStatus } from '../data/measures.repository';
import { appendOutbox } from '../data/outbox.repository';
import { EventTypes } from '../outbox/events';
import { checkVersion, readableMeasure } from './measure-access';
import type { components } from '../generated/api';
import { recordChange } from './record';

export type TransitionInput = components['schemas']['TransitionInput'];

/**
 * Moves a measure to another status, if the status machine allows it and the caller may: decisions on a
 * proposal by planners and the steering committee, everything else by planners and the measure's department.
 * The status change, its audit entry and its event are one transaction; so is "all measures of the cycle
 * finished", which exactly one transaction can see (the cycle's lock orders them).
 */
export async function transitionMeasure(pool: Pool, principal: Principal, id: string, input: TransitionInput): Promise<void> {
  await withTransaction(pool, async (client) => {
    const before = await readableMeasure(client, principal, id, true);
    if (!mayChange(principal, before.department) && !mayDecide(principal)) {
      throw problems.forbidden(`Measure ${id} belongs to department "${before.department}"; only its staff, planners and the steering committee may change its status.`);
    }
    checkVersion(before, input.version);
    const verdict = checkTransition(before.status, input.to, input.reason);
    if (!verdict.ok && verdict.problem === 'forbidden') {
      const allowed = verdict.allowed.length ? verdict.allowed.join(', ') : 'none (it is final)';
      throw problems.conflict(`A ${before.status} measure cannot become ${input.to}. Allowed from ${before.status}: ${allowed}.`, {
        measureStatus: before.status,
        allowed: verdict.allowed,
      });
    }
    const decision = isDecision(before.status);
    if (!mayTransition(principal, before.department, decision)) {
      throw problems.forbidden(
        decision
          ? 'Approving, rejecting or returning a proposal is for planners and the steering committee.'
          : `Only planners and department "${before.department}" carry out measure ${id}.`,
      );
    }
    if (!verdict.ok) {
      throw problems.unprocessable(`Give a reason why the measure becomes ${input.to}.`, [{ pointer: '/body/reason', detail: `is required for ${input.to}` }]);
    }
    if (input.approvedBudget !== undefined && input.to !== 'approved') {
      throw problems.unprocessable('approvedBudget goes with the approval only; change the budget with PATCH.', [
        { pointer: '/body/approvedBudget', detail: `not allowed with ${input.to}` },
      ]);
    }
    if (before.cycleId) await lockCycle(client, before.cycleId);
    const reason = input.reason?.trim() || null;
    await updateStatus(client, id, { status: input.to, reason, by: principal.name, ...(input.approvedBudget !== undefined ? { approvedBudget: input.approvedBudget } : {}) });
    const after = await findMeasure(client, id);
    await recordChange(client, principal, { entity: 'measure', entityId: id, measureId: id, department: before.department, action: 'status-changed', before, after });
    await appendOutbox(client, {
      type: EventTypes.statusChanged,
      aggregateId: id,
      payload: { measureId: id, cycleId: before.cycleId, department: before.department, from: before.status, to: input.to, reason, by: principal.name },
    });
    if (before.cycleId && isFinal(input.to)) {
      const measures = await cycleMeasures(client, before.cycleId);
      if (allFinished(measures.map((m) => m.status))) {
        await appendOutbox(client, { type: EventTypes.cycleMeasuresFinished, aggregateId: before.cycleId, payload: { cycleId: before.cycleId, measures } });
      }
    }
  });
}
