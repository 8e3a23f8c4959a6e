import { DELIVER_JOB, historyQuery, NOTIFICATIONS_QUEUE } from '@sozialraum/contracts';
import { createRedisConnection } from '@sozialraum/kit/redis';
import { call, type FaultProxy, redisPrefix, stackEnv, type StartedProcess, startFaultProxy, waitFor } from '@sozialraum/kit/testing';
import { Queue } from 'bullmq';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleCycleWorkflows, type CycleWorker, startCycleWorker, terminateCycles } from './helpers/cycle-worker';
import { ensureSpaces, startMonitoring, stopProcess } from './helpers/processes';
import { runId, startStrategy, type StrategyService, taskPath, tokenOf } from './helpers/strategy';

/**
 * Temporal away or stalled under the strategy service, through a fault proxy in front of the real frontend
 * (the cycle's worker reaches Temporal directly): starting a cycle and completing a task end at their
 * deadline with 503 + Retry-After, reads and readiness go on, and once Temporal answers again the retry
 * completes the task exactly once.
 */
jest.setTimeout(90_000);

const run = runId();
const SPACE = `OUT${run}`.toUpperCase();
const taskQueue = `strategy-api-outages-${run}`;
const TEMPORAL_TIMEOUT_MS = 1_500;
let proxy: FaultProxy;
let monitoring: StartedProcess;
let strategy: StrategyService;
let worker: CycleWorker;
let bundle: WorkflowBundle;
let cycleId: string;

const send = async (user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
  const started = Date.now();
  const answer = await call(`${strategy.url}${path}`, { token: await tokenOf(user), method, body, headers });
  return { ...answer, ms: Date.now() - started };
};

beforeAll(async () => {
  const bundling = bundleCycleWorkflows();
  const [host, port] = stackEnv('TEMPORAL_ADDRESS').split(':');
  proxy = await startFaultProxy({ host: host as string, port: Number(port) });
  monitoring = await startMonitoring(taskQueue);
  await ensureSpaces(monitoring, SPACE);
  strategy = await startStrategy({
    CYCLE_TASK_QUEUE: taskQueue,
    MONITORING_URL: monitoring.url,
    TEMPORAL_ADDRESS: proxy.via(stackEnv('TEMPORAL_ADDRESS')),
    TEMPORAL_TIMEOUT_MS: String(TEMPORAL_TIMEOUT_MS),
  });
  bundle = await bundling;
  worker = await startCycleWorker({ taskQueue, bundle, monitoringUrl: monitoring.url });
}, 60_000);
afterAll(async () => {
  await proxy?.up();
  if (strategy) await terminateCycles(strategy.deps.temporal, SPACE, taskQueue);
  await worker?.shutdown();
  await strategy?.close();
  if (monitoring) await stopProcess(monitoring);
  await proxy?.close();
});

test('when Temporal is down, then starting a cycle answers 503 with Retry-After at once and starts nothing; once it is back the start works', async () => {
  // Warm: the keys, the service token and monitoring are there, so what is measured is Temporal's deadline.
  expect((await send('planer', 'POST', '/v1/cycles', { spaceCode: `NONE-${run}` })).status).toBe(422);
  await proxy.down();
  try {
    const refused = await send('planer', 'POST', '/v1/cycles', { spaceCode: SPACE }, { 'Idempotency-Key': `start-${run}` });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.ms).toBeLessThan(TEMPORAL_TIMEOUT_MS + 2_000);
    // The inbox and readiness need no Temporal.
    expect((await send('planer', 'GET', '/v1/tasks')).status).toBe(200);
    expect((await call(`${strategy.url}/health/ready`)).status).toBe(200);
  } finally {
    await proxy.up();
  }
  let started: Awaited<ReturnType<typeof send>> | undefined;
  await waitFor(async () => {
    started = await send('planer', 'POST', '/v1/cycles', { spaceCode: SPACE }, { 'Idempotency-Key': `start-${run}` });
    return started.status !== 503;
  }, 20_000, 'the start once Temporal is back');
  expect(started?.status).toBe(201);
  cycleId = started?.body.id;
  expect(cycleId).toBe(`cycle-${SPACE}-1`);
  const workflows = [];
  for await (const execution of strategy.deps.temporal.workflow.list({ query: `WorkflowId STARTS_WITH "cycle-${SPACE}-"` })) workflows.push(execution.workflowId);
  expect(workflows).toEqual([cycleId]);
});

test('when Temporal stalls during a completion, then 503 with Retry-After by the deadline; the retry once it answers completes the task exactly once', async () => {
  const analysis = `${cycleId}/analysis`;
  await waitFor(async () => (await strategy.deps.pool.query(`SELECT 1 FROM task WHERE id = $1 AND status = 'open'`, [analysis])).rowCount === 1, 20_000, 'analysis open');
  const result = { summary: 'Befund während der Störung' };
  proxy.stall();
  let stalled;
  try {
    stalled = await send('planer', 'POST', taskPath(analysis, 'complete'), { result });
  } finally {
    proxy.resume();
  }
  expect(stalled.status).toBe(503);
  expect(stalled.headers.get('retry-after')).toBe('2');
  expect(stalled.body.type).toMatch(/cycle-unavailable$/);
  expect(stalled.ms).toBeGreaterThanOrEqual(TEMPORAL_TIMEOUT_MS - 50);
  expect(stalled.ms).toBeLessThan(TEMPORAL_TIMEOUT_MS + 2_000);

  // The same request again, as the message asks: the update ID is the task ID, so it is applied once.
  let retried: Awaited<ReturnType<typeof send>> | undefined;
  await waitFor(async () => {
    retried = await send('planer', 'POST', taskPath(analysis, 'complete'), { result });
    return retried.status !== 503;
  }, 20_000, 'the completion once Temporal answers');
  expect(retried?.status).toBe(200);
  expect(retried?.body.task.status).toBe('completed');
  await waitFor(async () => (await strategy.deps.pool.query(`SELECT 1 FROM task WHERE id = $1 AND status = 'open'`, [`${cycleId}/participation-1`])).rowCount === 1, 20_000, 'the next task');
  const history = await strategy.deps.temporal.workflow.getHandle(cycleId).query(historyQuery);
  expect(history.filter((h) => h.event === 'task-completed' && h.taskId === analysis)).toHaveLength(1);
  const next = await strategy.deps.pool.query(`SELECT count(*)::int AS n FROM task WHERE cycle_id = $1 AND key = 'participation-1'`, [cycleId]);
  expect(next.rows[0].n).toBe(1);
});

test('when a delivery job names a notification this deployment does not have, then the job fails at once with the reason', async () => {
  const connection = createRedisConnection(stackEnv('REDIS_URL'), 'producer');
  const queue = new Queue(NOTIFICATIONS_QUEUE, { connection, prefix: redisPrefix() });
  try {
    const job = await queue.add(DELIVER_JOB, { notificationId: `stray-${run}` }, { jobId: `stray-${run}`, attempts: 3 });
    await waitFor(async () => job.isFailed(), 10_000, 'the stray job failed');
    const failed = await queue.getJob(`stray-${run}`);
    expect(failed?.failedReason).toMatch(new RegExp(`notification stray-${run} not found in this deployment's database`));
    expect(failed?.attemptsMade).toBe(1);
  } finally {
    await queue.close();
    connection.disconnect();
  }
});
