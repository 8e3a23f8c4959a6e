import { historyQuery, taskProblemType } from '@sozialraum/contracts';
import { call, type StartedProcess, waitFor } from '@sozialraum/kit/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleCycleWorkflows, type CycleWorker, freshSpace, startCycleWorker, terminateCycles } from './helpers/cycle-worker';
import { startMonitoring, startStrategyProcess, stopProcess } from './helpers/processes';
import { FAST_TIMINGS, runId, startStrategy, type StrategyService, taskPath, tokenOf } from './helpers/strategy';

/**
 * The strategy service restarted while a completion is in flight: the completion happens once or is
 * refused, never twice. The service runs as its own process (dist/index.js); the workflow's worker is held
 * back so that the completion is surely in flight when the service goes down.
 */
const SPACE = 'STGT08';
const QUEUE_PREFIX = 'strategy-api-durability-';
const taskQueue = `${QUEUE_PREFIX}${runId()}`;
let bundle: WorkflowBundle;
let monitoring: StartedProcess;
let strategy: StartedProcess;
let worker: CycleWorker | undefined;
let reader: StrategyService; // an in-process instance for reading the read model and Temporal
let cycleId: string;

const env = () => ({ ...FAST_TIMINGS, CYCLE_TASK_QUEUE: taskQueue, MONITORING_URL: monitoring.url, COMPLETION_LEASE_MS: '1500' });
const send = async (user: string, method: string, path: string, body?: unknown) => call(`${strategy.url}${path}`, { token: await tokenOf(user), method, body });
const completions = async (taskId: string) =>
  (await reader.deps.temporal.workflow.getHandle(cycleId).query(historyQuery)).filter((h) => h.event === 'task-completed' && h.taskId === taskId).length;
const pendingCompletion = async (taskId: string) =>
  (await reader.deps.pool.query(`SELECT 1 FROM task_completion WHERE task_id = $1 AND state = 'pending'`, [taskId])).rowCount === 1;

async function openTask(key: string): Promise<string> {
  const id = `${cycleId}/${key}`;
  await waitFor(async () => (await reader.deps.pool.query(`SELECT 1 FROM task WHERE id = $1 AND status = 'open'`, [id])).rowCount === 1, 20_000, `${key} open`);
  return id;
}

/**
 * Retries as a client should: while another request holds the completion (its lease runs out) and while
 * Temporal answers too late (503 with Retry-After, e.g. the worker just restarted); returns the final answer.
 */
async function retryCompletion(user: string, taskId: string, result: unknown): Promise<{ status: number; body: { detail?: string } }> {
  let answer: { status: number; body: { detail?: string; type?: string } } | undefined;
  await waitFor(async () => {
    answer = await send(user, 'POST', taskPath(taskId, 'complete'), { result });
    return answer.status !== 503 && answer.body.type !== taskProblemType('completion-in-progress');
  }, 30_000, 'a final answer');
  return answer!;
}

beforeAll(async () => {
  const bundling = bundleCycleWorkflows();
  monitoring = await startMonitoring(taskQueue);
  reader = await startStrategy({ CYCLE_TASK_QUEUE: taskQueue, RUN_JOBS: 'false' });
  await freshSpace(monitoring, reader.deps, SPACE);
  strategy = await startStrategyProcess(env());
  bundle = await bundling;
  worker = await startCycleWorker({ taskQueue, bundle, monitoringUrl: monitoring.url });
  const started = await send('planer', 'POST', '/v1/cycles', { spaceCode: SPACE });
  expect(started.status).toBe(201);
  cycleId = started.body.id;
}, 60_000);
afterAll(async () => {
  await terminateCycles(reader.deps.temporal, SPACE, QUEUE_PREFIX);
  await worker?.shutdown();
  if (strategy) await stopProcess(strategy);
  if (monitoring) await stopProcess(monitoring);
  await reader?.close();
});

test('when the service is killed (SIGKILL) while a completion waits for the workflow, then after a restart the retry finds it done once', async () => {
  const analysis = await openTask('analysis');
  await worker!.shutdown(); // the workflow cannot take the update now: the request stays in flight
  worker = undefined;
  const inFlight = send('planer', 'POST', taskPath(analysis, 'complete'), { result: { summary: 'Befund vor dem Absturz' } }).then(
    () => 'answered',
    () => 'connection lost',
  );
  await waitFor(() => pendingCompletion(analysis), 10_000, 'the completion in flight');
  await new Promise((resolve) => setTimeout(resolve, 300)); // the update is on its way to Temporal
  strategy.child.kill('SIGKILL');
  await strategy.exited;
  expect(await inFlight).toBe('connection lost');

  strategy = await startStrategyProcess(env());
  worker = await startCycleWorker({ taskQueue, bundle, monitoringUrl: monitoring.url });
  const retried = await retryCompletion('planer', analysis, { summary: 'Befund nach dem Neustart' });
  // Either the retry is answered with the completion that happened (200, same update ID), or refused (409).
  expect([200, 409]).toContain(retried.status);
  await openTask('participation-1');
  expect(await completions(analysis)).toBe(1);
  const { rows } = await reader.deps.pool.query<{ result: { summary: string } }>('SELECT result FROM task WHERE id = $1', [analysis]);
  // Refused: the first completion got through before the crash. Answered: whichever reached the workflow
  // first is the one completion (the kill may come before the first update left the process).
  const summary = rows[0]?.result.summary;
  if (retried.status === 409) expect(summary).toBe('Befund vor dem Absturz');
  else expect(['Befund vor dem Absturz', 'Befund nach dem Neustart']).toContain(summary);
});

test('when the service is stopped (SIGTERM) mid-completion, then it finishes the request before exiting, and a retry is refused', async () => {
  const participation = await openTask('participation-1');
  // The step's writes run side by side: the worker stops once the cycle has none left and nothing to decide.
  await waitFor(async () => {
    const { raw } = await reader.deps.temporal.workflow.getHandle(cycleId).describe();
    return !raw.pendingActivities?.length && !raw.pendingWorkflowTask;
  }, 10_000, 'the cycle idle');
  await worker!.shutdown();
  worker = undefined;
  const result = {
    records: [{ format: 'survey', date: '2026-03-01', actors: ['Quartiersbüro'], targetGroups: ['families'], participants: 140, results: 'Mehr Spielplätze.' }],
    close: true,
  };
  const inFlight = send('koordination', 'POST', taskPath(participation, 'complete'), { result });
  await waitFor(() => pendingCompletion(participation), 10_000, 'the completion in flight');
  strategy.child.kill('SIGTERM');
  // While the service drains, the workflow's worker comes back and the update is accepted.
  await new Promise((resolve) => setTimeout(resolve, 300));
  worker = await startCycleWorker({ taskQueue, bundle, monitoringUrl: monitoring.url });
  expect((await inFlight).status).toBe(200);
  expect((await strategy.exited)[0]).toBe(0);

  strategy = await startStrategyProcess(env());
  const retried = await send('koordination', 'POST', taskPath(participation, 'complete'), { result });
  expect(retried.status).toBe(409);
  await openTask('set-goals-1');
  expect(await completions(participation)).toBe(1);
});
