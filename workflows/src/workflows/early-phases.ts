import { candidates } from '@sozialraum/contracts';
import type { Cycle } from './cycle';
import { monitoringOf } from './monitoring';
import { enterPhase } from './phase';
import { doTask } from './tasks';

/** Analysis: hand over the alert (if any; never blocking), freeze the evidence, planners review it. */
export async function analysis(cycle: Cycle): Promise<void> {
  await enterPhase(cycle, 'analysis');
  const { alertId, carriedOver } = cycle.input;
  const monitoring = monitoringOf(cycle);
  if (alertId !== undefined) {
    const handOver = await monitoring.handOverAlert(alertId);
    cycle.log(handOver.ok ? 'alert-handed-over' : 'alert-hand-over-failed', { detail: handOver.reason ?? `alert ${alertId}` });
  }
  const evidence = await monitoring.freezeEvidence();
  cycle.log('evidence-frozen', { detail: evidence.available ? 'monitoring snapshot frozen' : `monitoring unavailable: ${evidence.reason}` });
  await doTask(cycle, {
    key: 'analysis', type: 'review-analysis', candidateGroups: [candidates.planners],
    context: { evidenceAvailable: evidence.available, alertId, carriedOver },
  });
}

/** Participation: the space's coordination documents formats until it closes with at least one record. */
export async function participation(cycle: Cycle): Promise<void> {
  await enterPhase(cycle, 'participation');
  for (;;) {
    const n = cycle.next('participation');
    const { result } = await doTask(cycle, {
      key: `participation-${n}`, type: 'document-participation', candidateGroups: [candidates.coordination(cycle.input.spaceCode)],
      context: { recordsSoFar: cycle.participationRecords },
    });
    cycle.participationRecords += result.records.length;
    // The validator refuses close=true while the cycle has no record.
    if (result.close) return;
  }
}

/** Goal setting: planners set goals and needs, the working group approves or returns them with comments. */
export async function goalSetting(cycle: Cycle): Promise<void> {
  await enterPhase(cycle, 'goal-setting');
  let returnedWith: string | undefined;
  for (;;) {
    const n = cycle.next('goals');
    const set = await doTask(cycle, {
      key: `set-goals-${n}`, type: 'set-goals', candidateGroups: [candidates.planners],
      context: { returnedWith, previous: n > 1 ? { goals: cycle.goals, needs: cycle.needs } : undefined, carriedNeeds: cycle.input.carriedOver?.needs },
    });
    cycle.goals = set.result.goals;
    cycle.needs = set.result.needs;
    const review = await doTask(cycle, {
      key: `review-goals-${n}`, type: 'review-goals', candidateGroups: [candidates.workingGroup], context: { goals: cycle.goals, needs: cycle.needs },
    });
    if (review.result.decision === 'approve') return;
    returnedWith = review.result.comments;
  }
}
