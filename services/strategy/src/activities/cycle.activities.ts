import { type CycleInput, type CycleStatus, type EvidenceSnapshot, type Goal, type IndicatorComparison, type Person, type Phase, profileOf, type SpaceProfile } from '@sozialraum/contracts';
import { withTransaction } from '@sozialraum/kit/db';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { goalsOf } from '../data/cycle-content.repository';
import { cancelCycle, completeCycle, enterPhase, evidenceOf, insertCycle, setRunningStatus, storeEvidenceOnce, storeReflectionOnce } from '../data/cycle-run.repository';
import type { ActivityDependencies } from './dependencies';

/** The cycle's own rows: the cycle, its phase timeline, evidence and reflection snapshots, the next cycle. */
export function cycleActivities({ pool, temporal }: ActivityDependencies) {
  return {
    async recordCycle(input: { cycleId: string; spaceCode: string; number: number; alertId?: number; startedBy: Person; at: string }): Promise<void> {
      await insertCycle(pool, {
        id: input.cycleId, spaceCode: input.spaceCode, number: input.number, alertId: input.alertId ?? null, startedBy: input.startedBy.name, startedAt: input.at,
      });
    },

    /** Monitoring's evidence at analysis; the first write wins, so a retried activity does not replace it. */
    async storeEvidence(input: { cycleId: string; snapshot: EvidenceSnapshot }): Promise<{ available: boolean; reason?: string }> {
      const stored = (await storeEvidenceOnce(pool, input.cycleId, input.snapshot)) ?? input.snapshot;
      return 'unavailable' in stored ? { available: false, reason: stored.unavailable } : { available: true };
    },

    /** The goals and, of the frozen evidence, only their indicators: what monitoring compares at reflection. */
    async reflectionBasis(input: { cycleId: string }): Promise<{ goals: Goal[]; before: SpaceProfile | null }> {
      const evidence = await evidenceOf<EvidenceSnapshot>(pool, input.cycleId);
      const goals = (await goalsOf(pool, input.cycleId)).map(
        (g): Goal => ({ title: g.title, indicatorKey: g.indicatorKey ?? undefined, targetValue: g.targetValue ?? undefined, targetYear: g.targetYear ?? undefined }),
      );
      const profile = profileOf(evidence);
      const keys = new Set(goals.map((g) => g.indicatorKey));
      return { goals, before: profile ? { space: profile.space, indicators: profile.indicators.filter((i) => keys.has(i.key)) } : null };
    },

    /** The reflection snapshot and comparison into cycle.reflection (first write wins); returns what is stored. */
    async storeReflection(input: { cycleId: string; snapshot: EvidenceSnapshot; comparison: IndicatorComparison[] }): Promise<{ available: boolean; comparison: IndicatorComparison[] }> {
      const { snapshot, comparison } = input;
      const reflection = (await storeReflectionOnce(pool, input.cycleId, { snapshot, comparison })) ?? { snapshot, comparison };
      return { available: !('unavailable' in reflection.snapshot), comparison: reflection.comparison };
    },

    /** Closes the previous phase and opens the next in the timeline, at the workflow's time. */
    async enterPhase(input: { cycleId: string; phase: Phase; previous?: Phase; at: string }): Promise<void> {
      await withTransaction(pool, (db) => enterPhase(db, input));
    },

    /** Running ⇄ suspended; cancelled and completed are final and written by their own activities. */
    async setCycleStatus(input: { cycleId: string; status: Extract<CycleStatus, 'running' | 'suspended'>; reason?: string }): Promise<void> {
      await setRunningStatus(pool, input.cycleId, input.status, input.reason ?? null);
    },

    async cancelCycle(input: { cycleId: string; reason: string; at: string }): Promise<void> {
      await withTransaction(pool, (db) => cancelCycle(db, input));
    },

    /** Completed: the timeline closes and needs are marked open (carried on) or addressed. */
    async completeCycle(input: { cycleId: string; openNeedKeys: string[]; at: string }): Promise<void> {
      await withTransaction(pool, (db) => completeCycle(db, input));
    },

    /** Starts the next cycle as its own workflow; "already started" means a retry, which is fine. */
    async startNextCycle(input: { workflowId: string; taskQueue: string; input: CycleInput }): Promise<{ started: boolean }> {
      try {
        await temporal.workflow.start('strategyCycle', {
          workflowId: input.workflowId,
          taskQueue: input.taskQueue,
          args: [input.input],
          // A closed run of the same cycle must not be run again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        return { started: true };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return { started: false };
        throw error;
      }
    },
  };
}
