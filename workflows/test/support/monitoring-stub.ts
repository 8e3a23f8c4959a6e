import { activityQueue, compareGoals, type EvidenceSnapshot, type MonitoringActivities, type SpaceProfile } from '@sozialraum/contracts';
import { startActivityWorker } from '@sozialraum/kit/temporal';
import { stackEnv, testLogger } from '@sozialraum/kit/testing';

/**
 * Stands in for the monitoring service's part of a cycle (not for a database or Temporal): its activities on
 * `<task queue>.monitoring` answer the space profile — the first snapshot per space with the "before"
 * values, later ones with a newer period — and record alert hand-overs. `state.handOverStatus` lets a test
 * make the hand-over fail; spaces named NOPE… do not exist in monitoring.
 */
export interface MonitoringStub {
  handOvers: Array<{ alertId: string; cycleId: string }>;
  profileCalls: Map<string, number>;
  state: { handOverStatus: number };
}

const point = (period: string, value: number) => ({ period, value: { value, suppressed: false } });

export function profileFor(code: string, call: number): SpaceProfile & { classHistory: unknown[]; alerts: unknown[] } {
  const later = call > 1 ? [point('2023', 6.1)] : [];
  return {
    space: { code, name: `Testraum ${code}` },
    indicators: [
      { key: 'unemployment', name: 'Arbeitslosenquote', unit: '%', polarity: 'higher-is-worse', points: [point('2021', 8.4), point('2022', 7.9), ...later] },
      { key: 'child-poverty', name: 'Kinderarmut', unit: '%', polarity: 'higher-is-worse', points: [point('2022', 21.3)] },
    ],
    classHistory: [],
    alerts: [],
  };
}

export function createMonitoringStub(): MonitoringStub {
  return { handOvers: [], profileCalls: new Map(), state: { handOverStatus: 200 } };
}

function stubActivities(stub: MonitoringStub): MonitoringActivities {
  const snapshotSpace = async ({ spaceCode }: { spaceCode: string }): Promise<EvidenceSnapshot> => {
    const frozenAt = new Date().toISOString();
    if (spaceCode.startsWith('NOPE')) return { frozenAt, unavailable: `404 There is no space "${spaceCode}".` };
    const calls = (stub.profileCalls.get(spaceCode) ?? 0) + 1;
    stub.profileCalls.set(spaceCode, calls);
    return { frozenAt, profile: profileFor(spaceCode, calls) };
  };
  return {
    async handOverAlert({ cycleId, alertId }) {
      stub.handOvers.push({ alertId: String(alertId), cycleId });
      const status = stub.state.handOverStatus;
      return status >= 400 ? { ok: false, reason: `${status} Stub refusal` } : { ok: true };
    },
    snapshotSpace,
    async compareWithEvidence({ spaceCode, goals, before }) {
      const snapshot = await snapshotSpace({ spaceCode });
      return { snapshot, comparison: compareGoals(goals, before ?? undefined, 'profile' in snapshot ? snapshot.profile : undefined) };
    },
  };
}

/** The stub's activities polling `<task queue>.monitoring` in this process, in the kit's activity worker as the services run theirs. */
export async function startMonitoringStub(stub: MonitoringStub, taskQueue: string): Promise<{ close(): Promise<void> }> {
  const worker = await startActivityWorker({
    address: stackEnv('TEMPORAL_ADDRESS'), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', logger: testLogger(),
    taskQueue: activityQueue(taskQueue, 'monitoring'), activities: stubActivities(stub),
  });
  return worker.closable;
}
