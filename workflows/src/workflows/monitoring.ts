import { compareGoals, type IndicatorComparison } from '@sozialraum/contracts';
import { ActivityFailure, patched } from '@temporalio/workflow';
import { acts, formerMonitoringCalls, MONITORING_IN_ITS_SERVICE, monitoringActs } from './activities';
import type { Cycle } from './cycle';

/** Monitoring away (no worker took its activity in time) must not stall a cycle: the result says why instead. */
async function unlessAway<T>(work: Promise<T>, away: (reason: string) => T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ActivityFailure) return away(error.cause?.message ?? error.message);
    throw error;
  }
}

/**
 * Monitoring's part of a cycle runs in the monitoring service; the strategy service keeps what it returns.
 * Cycles recorded before that replay the strategy service's former calls of monitoring's API.
 */
export const monitoringOf = (cycle: Cycle) => ({
  async handOverAlert(alertId: number): Promise<{ ok: boolean; reason?: string }> {
    if (!patched(MONITORING_IN_ITS_SERVICE)) return formerMonitoringCalls.handOverAlert({ cycleId: cycle.id, alertId });
    return unlessAway(monitoringActs.handOverAlert({ cycleId: cycle.id, alertId }), (reason) => ({ ok: false, reason }));
  },

  async freezeEvidence(): Promise<{ available: boolean; reason?: string }> {
    const { spaceCode } = cycle.input;
    if (!patched(MONITORING_IN_ITS_SERVICE)) return formerMonitoringCalls.freezeEvidence({ cycleId: cycle.id, spaceCode });
    const snapshot = await unlessAway(monitoringActs.snapshotSpace({ spaceCode }), (unavailable) => ({ frozenAt: cycle.now(), unavailable }));
    return acts.storeEvidence({ cycleId: cycle.id, snapshot });
  },

  /** A new snapshot compared with the frozen evidence on the goals' indicators. */
  async freezeReflection(): Promise<{ available: boolean; comparison: IndicatorComparison[] }> {
    const { spaceCode } = cycle.input;
    if (!patched(MONITORING_IN_ITS_SERVICE)) return formerMonitoringCalls.freezeReflection({ cycleId: cycle.id, spaceCode });
    const { goals, before } = await acts.reflectionBasis({ cycleId: cycle.id });
    const { snapshot, comparison } = await unlessAway(monitoringActs.compareWithEvidence({ spaceCode, goals, before }), (unavailable) => ({
      snapshot: { frozenAt: cycle.now(), unavailable },
      comparison: compareGoals(goals, before ?? undefined, undefined),
    }));
    return acts.storeReflection({ cycleId: cycle.id, snapshot, comparison });
  },
});
