import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  call,
  createTestDatabase,
  startProcess,
  startService,
  type StartedProcess,
  type TestService,
  userToken,
  waitUntilOk,
} from '@sozialraum/kit/testing';
import * as monitoring from '@sozialraum/monitoring/dist/server';
import * as monitoringConfig from '@sozialraum/monitoring/dist/config';
import * as monitoringDeps from '@sozialraum/monitoring/dist/dependencies';
import * as monitoringBackground from '@sozialraum/monitoring/dist/background';
import * as strategy from '@sozialraum/strategy/dist/server';
import * as strategyConfig from '@sozialraum/strategy/dist/config';
import * as strategyDeps from '@sozialraum/strategy/dist/dependencies';
import * as strategyBackground from '@sozialraum/strategy/dist/background';
import * as measures from '@sozialraum/measures/dist/server';
import * as measuresConfig from '@sozialraum/measures/dist/config';
import * as measuresDeps from '@sozialraum/measures/dist/dependencies';
import * as measuresBackground from '@sozialraum/measures/dist/background';
import { loadStrategyDemo } from '../src/cycles';
import { demoMethod } from '../src/flensburg';
import { loadMonitoringDemo } from '../src/load';

const root = join(__dirname, '..', '..');
const dataDir = process.env.SHARED_DATA_DIR ?? join(root, '..', 'shared', 'data');

/** The demo test's cycles run on task queues `demo-…`; ending them frees the spaces for other tests. */
async function endDemoCycles(service: TestService<strategyDeps.StrategyDependencies> | undefined): Promise<void> {
  if (!service) return;
  const { workflow } = service.deps.temporal;
  for await (const execution of workflow.list({ query: 'ExecutionStatus = "Running" AND WorkflowId STARTS_WITH "cycle-"' })) {
    if (execution.taskQueue.startsWith('demo-')) await workflow.getHandle(execution.workflowId).terminate('demo test cleanup');
  }
}

/**
 * The demo as `npm start` loads it, on a database of its own: the monitoring and strategy services, and
 * the real worker (workflows only) as its own process on a task queue of this test; the services run its activities.
 */
describe('the demo data', () => {
  let monitoringService: TestService<monitoringDeps.MonitoringDependencies>;
  let strategyService: TestService<strategyDeps.StrategyDependencies>;
  let measuresService: TestService<measuresDeps.MeasuresDependencies>;
  let worker: StartedProcess;

  beforeAll(async () => {
    const DATABASE_URL = await createTestDatabase('sozialraum_demo_test');
    for (const service of ['monitoring', 'strategy', 'measures']) {
      execFileSync(process.execPath, [join(root, 'services', service, 'dist', 'migrate.js')], { env: { ...process.env, DATABASE_URL } });
    }
    const taskQueue = `demo-${process.pid}`;
    monitoringService = await startService({ ...monitoringConfig, ...monitoringDeps, ...monitoring, ...monitoringBackground, env: { DATABASE_URL, CYCLE_TASK_QUEUE: taskQueue } });
    measuresService = await startService({
      ...measuresConfig,
      ...measuresDeps,
      ...measures,
      ...measuresBackground,
      env: { DATABASE_URL, MONITORING_URL: monitoringService.url, CYCLE_TASK_QUEUE: taskQueue, KEYCLOAK_CLIENT_SECRET: process.env.KEYCLOAK_SECRET_MEASURES ?? '' },
    });
    worker = await startProcess(join(root, 'workflows', 'dist', 'worker.js'), { TASK_QUEUE: taskQueue, TEMPORAL_METRICS_PORT: '0' }, 'HEALTH_PORT');
    strategyService = await startService({
      ...strategyConfig,
      ...strategyDeps,
      ...strategy,
      ...strategyBackground,
      env: { DATABASE_URL, CYCLE_TASK_QUEUE: taskQueue, MONITORING_URL: monitoringService.url, KEYCLOAK_CLIENT_SECRET: process.env.KEYCLOAK_SECRET_STRATEGY ?? '' },
    });
    await waitUntilOk(`${worker.url}/health/ready`, 90_000);
    await endDemoCycles(strategyService); // left by an earlier run that did not get to its cleanup
  });
  afterAll(async () => {
    await endDemoCycles(strategyService);
    await strategyService?.close();
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await measuresService?.close();
    await monitoringService?.close();
  });

  test('when the demo loads, then a new user sees Flensburg’s 13 Stadtteile with real classes and alerts', async () => {
    expect(await loadMonitoringDemo({ monitoringUrl: monitoringService.url, dataDir })).toBe('loaded');
    expect(await loadMonitoringDemo({ monitoringUrl: monitoringService.url, dataDir })).toBe('present');

    const token = await userToken('gast');
    const results = await call(`${monitoringService.url}/v1/methods/${demoMethod.key}/${demoMethod.version}/results`, { token });
    expect(results.body.period).toBe('2022');
    expect(results.body.items).toHaveLength(13);
    expect(results.body.items.every((r: { statusClass: number | null }) => r.statusClass !== null)).toBe(true);
    const neustadt = results.body.items.find((r: { spaceCode: string }) => r.spaceCode === 'STGT02');
    expect(neustadt.statusClass).toBe(4);

    const alerts = await call(`${monitoringService.url}/v1/alerts?status=open&space=STGT02`, { token });
    expect(alerts.body.items.map((a: { ruleKey: string }) => a.ruleKey)).toContain('status-class-4');

    const profile = await call(`${monitoringService.url}/v1/spaces/STGT03/profile`, { token });
    expect(profile.body.indicators.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(['alq', 'sgb2_quote', 'kinderarmut']));
    expect(profile.body.classHistory.length).toBeGreaterThan(0);
    // The Stadtteile's populations come from the residents counts, so a viewer sees the values the classes rest on.
    const unemployment = profile.body.indicators.find((i: { key: string }) => i.key === 'alq');
    expect(unemployment.points.at(-1).value).toMatchObject({ suppressed: false, value: expect.any(Number) });
  });

  test('when the demo cycles load, then cycles stand in several phases with tasks in the demo users’ inboxes', async () => {
    const urls = { strategyUrl: strategyService.url, monitoringUrl: monitoringService.url, measuresUrl: measuresService.url };
    expect(await loadStrategyDemo(urls)).toBe('loaded');

    const inbox = async (user: string) =>
      (await call(`${strategyService.url}/v1/tasks?scope=groups&status=open`, { token: await userToken(user) })).body.items.map(
        (t: { spaceCode: string; type: string }) => `${t.spaceCode}:${t.type}`,
      );
    expect(await inbox('planer')).toContain('STGT02:review-analysis');
    expect(await inbox('koordination')).toContain('STGT03:document-participation');
    expect(await inbox('soziales')).toContain('STGT13:propose-measures');
    expect(await inbox('jugend')).toContain('STGT13:propose-measures');
    expect(await inbox('lenkung')).toContain('STGT01:decide-package');
    expect(await inbox('soziales')).not.toContain('STGT01:decide-package');

    const cycles = await call(`${strategyService.url}/v1/cycles`, { token: await userToken('gast') });
    const phases = Object.fromEntries(cycles.body.items.map((c: { spaceCode: string; phase: string }) => [c.spaceCode, c.phase]));
    expect(phases).toMatchObject({ STGT02: 'analysis', STGT03: 'participation', STGT13: 'measure-development', STGT01: 'decision', STGT08: 'implementation' });
    const neustadt = cycles.body.items.find((c: { spaceCode: string }) => c.spaceCode === 'STGT02');
    expect(neustadt.alertId).toEqual(expect.any(Number));

    const sandberg = cycles.body.items.find((c: { spaceCode: string }) => c.spaceCode === 'STGT08');
    const listed = await call(`${measuresService.url}/v1/measures?cycle=${sandberg.id}&limit=50`, { token: await userToken('planer') });
    const statuses = listed.body.items.map((m: { status: string }) => m.status).sort();
    expect(statuses).toEqual(['cancelled', 'completed', 'in-progress', 'paused', 'rejected', 'returned']);
    const completed = listed.body.items.find((m: { status: string }) => m.status === 'completed');
    const detail = await call(`${measuresService.url}/v1/measures/${completed.id}`, { token: await userToken('planer') });
    expect(detail.body.evaluation).toMatchObject({ recommendation: 'continue' });
    const running = listed.body.items.find((m: { status: string }) => m.status === 'in-progress');
    expect(running.trafficLight).toBe('yellow');
  });
});
