import { activityQueue, type MonitoringActivities } from '@sozialraum/contracts';
import { createServiceTokenProvider } from '@sozialraum/kit';
import { call, stackEnv, startProcess, testLogger, userToken, waitUntilOk } from '@sozialraum/kit/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { cycleEvidenceActivities } from '../src/activities/cycle-evidence.activities';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';
import { freshVersion, seed } from './methods.fixtures';

/**
 * Monitoring's part of a strategy cycle: its activities through its own use cases on this test's database
 * (run as Temporal runs them, in an activity context), and the built service polling `<cycle queue>.monitoring`.
 */
jest.setTimeout(90_000);

let service: MonitoringService;
let activities: MonitoringActivities;
const run = freshVersion();
const S = (n: number | string) => `T9A-${run}-${n}`;

/** An activity in Temporal's activity context (attempt 1 unless given). */
const inActivity = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => new MockActivityEnvironment().run(fn, ...args) as Promise<R>;

beforeAll(async () => {
  service = await startMonitoring();
  activities = cycleEvidenceActivities({ pool: service.deps.pool, peerStatisticsCache: service.deps.peerStatisticsCache, logger: testLogger() });
  await seed(service, {
    spaces: [
      { code: S('D'), type: 'district', population: 2100 },
      { code: S(1), type: 'social-space', population: 2000, parent: S('D') },
      // Fewer residents than the rules allow: a disclosed caller sees none of its values.
      { code: S(2), type: 'social-space', population: 100, parent: S('D') },
      // On its own (no siblings whose hidden values it would give away): a disclosed caller sees its value.
      { code: S(3), type: 'social-space', population: 2000 },
    ],
    indicators: [{ key: `T9A_${run}`, polarity: 'higher-is-worse', kind: 'count' }],
    release: `t9a-${run}`,
    values: [[S('D'), `T9A_${run}`, '2023', 60], [S(1), `T9A_${run}`, '2023', 52], [S(2), `T9A_${run}`, '2023', 8], [S(3), `T9A_${run}`, '2023', 52]],
  });
});
afterAll(async () => {
  await service?.close();
});

const openAlertOn = async (code: string): Promise<number> => {
  const { rows } = await service.deps.pool.query<{ id: number }>(
    `INSERT INTO alert (rule_key, space_id, period, indicator_key, message, evidence)
     SELECT 'status-class-4', id, $2, '', 'Sehr niedriger Status', '{}' FROM space WHERE code = $1 AND valid_until IS NULL RETURNING id`,
    [code, `test-${run}`],
  );
  return Number(rows[0]!.id);
};

describe('monitoring’s activities of a strategy cycle', () => {
  test('when a cycle takes its alert over, then the alert names the cycle, a retry changes nothing and another cycle is refused without failing', async () => {
    const alertId = await openAlertOn(S(1));
    await expect(inActivity(activities.handOverAlert, { cycleId: `cycle-${S(1)}-1`, alertId })).resolves.toEqual({ ok: true });
    await expect(inActivity(activities.handOverAlert, { cycleId: `cycle-${S(1)}-1`, alertId })).resolves.toEqual({ ok: true });
    const planer = await call(`${service.url}/v1/alerts/${alertId}`, { token: await userToken('planer') });
    expect(planer.body).toMatchObject({ status: 'handed-over', statusBy: 'strategy-cycle', cycleReference: `cycle-${S(1)}-1` });
    const other = await inActivity(activities.handOverAlert, { cycleId: `cycle-${S(1)}-2`, alertId });
    expect(other).toEqual({ ok: false, reason: expect.stringMatching(/^409 Alert \d+ was handed over already/) });
    expect(await inActivity(activities.handOverAlert, { cycleId: 'c', alertId: 999_999_999 })).toEqual({ ok: false, reason: expect.stringContaining('404') });
  });

  test('when a cycle snapshots a space, then it holds the profile the strategy service’s own token gets from the API (disclosed values)', async () => {
    const token = await createServiceTokenProvider({
      keycloakUrl: stackEnv('KEYCLOAK_URL'), realm: process.env.KEYCLOAK_REALM ?? 'sozialraum', clientId: 'svc-strategy', clientSecret: stackEnv('KEYCLOAK_SECRET_STRATEGY'),
    })();
    const snapshot = await inActivity(activities.snapshotSpace, { spaceCode: S(2) });
    const api = await call(`${service.url}/v1/spaces/${S(2)}/profile`, { token });
    expect(api.status).toBe(200);
    expect(snapshot).toEqual({ frozenAt: expect.any(String), profile: api.body });
    if (!('profile' in snapshot)) throw new Error('no profile');
    expect(snapshot.profile.indicators.find((i) => i.key === `T9A_${run}`)?.points[0]?.value).toMatchObject({ value: null, suppressed: true });
  });

  test('when the space is unknown, then the snapshot says so at once; the comparison then has no "after"', async () => {
    const snapshot = await inActivity(activities.snapshotSpace, { spaceCode: S('nope') });
    expect(snapshot).toEqual({ frozenAt: expect.any(String), unavailable: expect.stringMatching(/^404 There is no space/) });
    const before = { space: { code: S('nope') }, indicators: [{ key: 'k', name: 'K', polarity: 'higher-is-worse' as const, points: [{ period: '2022', value: { value: 5, suppressed: false } }] }] };
    const compared = await inActivity(activities.compareWithEvidence, { spaceCode: S('nope'), goals: [{ title: 'weniger', indicatorKey: 'k' }], before });
    expect(compared.comparison).toEqual([expect.objectContaining({ indicatorKey: 'k', before: { period: '2022', value: 5 }, after: null, change: null, improved: null })]);
  });

  test('when goals name the space’s indicators, then the comparison sets the frozen evidence against the values now', async () => {
    const before = { space: { code: S(3) }, indicators: [{ key: `T9A_${run}`, name: 'T9A', polarity: 'higher-is-worse' as const, points: [{ period: '2022', value: { value: 70, suppressed: false } }] }] };
    const { snapshot, comparison } = await inActivity(activities.compareWithEvidence, { spaceCode: S(3), goals: [{ title: 'weniger Fälle', indicatorKey: `T9A_${run}` }], before });
    expect('profile' in snapshot).toBe(true);
    // 52 cases, rounded to the rules' multiple for a disclosed caller: fewer than 70 either way.
    expect(comparison).toEqual([expect.objectContaining({ goal: 'weniger Fälle', before: { period: '2022', value: 70 }, after: { period: '2023', value: expect.any(Number) }, improved: true })]);
  });
});

describe('the built service', () => {
  test('when it runs with a cycle queue, then its activity worker polls `<queue>.monitoring`, shows in readiness and metrics, and drains on SIGTERM', async () => {
    const queue = `monitoring-activities-${run}`;
    const started = await startProcess(join(__dirname, '../dist/index.js'), { LOG_LEVEL: 'warn', RUN_JOBS: 'false', RUN_ACTIVITIES: 'true', CYCLE_TASK_QUEUE: queue });
    try {
      await waitUntilOk(`${started.url}/health/ready`, 30_000);
      const ready = await call(`${started.url}/health/ready`);
      expect(JSON.stringify(ready.body)).toContain('temporal-worker');
      const metrics = await fetch(`${started.url}/metrics`).then((r) => r.text());
      expect(metrics).toContain(`temporal_activity_worker_running{queue="${activityQueue(queue, 'monitoring')}",service="monitoring"} 1`);
    } finally {
      started.child.kill('SIGTERM');
      expect((await started.exited)[0]).toBe(0);
    }
  });
});
