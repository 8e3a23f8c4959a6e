import { candidates, type CycleInput, cycleWorkflowId } from '@sozialraum/contracts';
import { workflowInfo } from '@temporalio/workflow';
import { acts } from './activities';
import type { Cycle } from './cycle';
import { approvedMeasures, describeMeasure } from './measure-phases';
import { monitoringOf } from './monitoring';
import { enterPhase } from './phase';
import { doTask } from './tasks';

/** Task keys stay URL-friendly: `evaluate-propose-soziales-1-0` for measure `<cycle>/propose-soziales-1#0`. */
const measureKey = (cycle: Cycle, measureId: string) =>
  (measureId.startsWith(`${cycle.id}/`) ? measureId.slice(cycle.id.length + 1) : measureId).replace(/[^a-z0-9-]/gi, '-');

/** Reflection: a new snapshot compared with the evidence, evaluations and a reflection, then acknowledgement. */
export async function reflection(cycle: Cycle): Promise<void> {
  await enterPhase(cycle, 'reflection');
  const { available, comparison } = await monitoringOf(cycle).freezeReflection();
  cycle.log('reflection-snapshot', { detail: available ? 'monitoring snapshot frozen' : 'monitoring unavailable' });
  const approved = approvedMeasures(cycle);
  const evaluations = approved.map(async (m) => {
    const { result } = await doTask(cycle, {
      key: `evaluate-${measureKey(cycle, m.id)}`, type: 'evaluate-measure', candidateGroups: [candidates.department(m.department)],
      department: m.department, measureIds: [m.id], context: { measure: describeMeasure(m) },
    });
    m.recommendation = result.recommendation;
  });
  const reflect = doTask(cycle, {
    key: 'reflect', type: 'reflect-cycle', candidateGroups: [candidates.workingGroup], context: { comparison, measures: approved.map(describeMeasure) },
  });
  const [, reflected] = await Promise.all([Promise.all(evaluations), reflect]);
  await doTask(cycle, {
    key: 'acknowledge', type: 'acknowledge-report', candidateGroups: [candidates.steeringCommittee],
    context: {
      comparison, reflection: reflected.result,
      evaluations: approved.map((m) => ({ measureId: m.id, title: m.proposal.title, department: m.department, recommendation: m.recommendation })),
    },
  });
}

/**
 * Completes the cycle and starts the next one as its own workflow (one workflow per space and cycle),
 * carrying needs still open (no approved measure, or one to continue/adapt) and the continued measures.
 */
export async function finish(cycle: Cycle): Promise<string> {
  const approved = approvedMeasures(cycle);
  const continued = approved.filter((m) => m.recommendation === 'continue' || m.recommendation === 'adapt');
  const openNeeds = cycle.needs.filter((n) => {
    const mine = approved.filter((m) => m.needKey === n.key);
    return !mine.length || mine.some((m) => continued.includes(m));
  });
  cycle.status = 'completed';
  await cycle.phaseWritten;
  await cycle.completionsWritten;
  await acts.completeCycle({ cycleId: cycle.id, openNeedKeys: openNeeds.map((n) => n.key), at: cycle.now() });
  cycle.log('cycle-completed');

  const { spaceCode, number, startedBy, timings } = cycle.input;
  const next: CycleInput = {
    spaceCode, number: number + 1, startedBy, timings,
    carriedOver: { needKeys: openNeeds.map((n) => n.key), measureIds: continued.map((m) => m.id), fromCycleId: cycle.id, needs: openNeeds },
  };
  const workflowId = cycleWorkflowId(spaceCode, number + 1);
  const { started } = await acts.startNextCycle({ workflowId, taskQueue: workflowInfo().taskQueue, input: next });
  cycle.log('next-cycle-started', { detail: started ? workflowId : `${workflowId} (was running already)` });
  return workflowId;
}
