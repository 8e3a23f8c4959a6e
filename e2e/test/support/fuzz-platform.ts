import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadMonitoringDemo } from '@sozialraum/demo/dist/load';
import { loadStrategyDemo } from '@sozialraum/demo/dist/cycles';
import { createTestDatabase, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';
import { createTemporalClient } from '@sozialraum/kit/temporal';

const root = join(__dirname, '..', '..', '..');
/** Cycles the fuzzing starts run on task queues with this prefix, so they can be told from everyone else's. */
const TASK_QUEUE_PREFIX = 'fuzz-';

export interface FuzzPlatform {
  urls: Record<'monitoring' | 'strategy' | 'measures', string>;
  /** Everything the processes printed, for a failing test to show. */
  output: () => string;
  stop: () => Promise<void>;
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test", which starts the local stack.`);
  return value;
}

/** Terminates the cycles a fuzzing run started (also those a crashed run left), so their spaces are free again. */
export async function endFuzzCycles(): Promise<void> {
  const { client, closable } = createTemporalClient({ address: need('TEMPORAL_ADDRESS'), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  try {
    for await (const execution of client.workflow.list({ query: 'ExecutionStatus = "Running" AND WorkflowId STARTS_WITH "cycle-"' })) {
      if (execution.taskQueue.startsWith(TASK_QUEUE_PREFIX)) await client.workflow.getHandle(execution.workflowId).terminate('schema fuzzing cleanup').catch(() => undefined);
    }
  } finally {
    await closable.close();
  }
}

/**
 * The three services and the worker as their own processes, on a database, Redis database and task queue of
 * their own, holding Flensburg's demo (loaded through the APIs): whatever the fuzzing creates, changes or
 * starts stays there, and its cycles are ended afterwards (docs/robustness.md).
 */
export async function startFuzzPlatform(): Promise<FuzzPlatform> {
  const started: StartedProcess[] = [];
  const stop = async () => {
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(started.map((p) => p.exited));
    await endFuzzCycles();
  };
  try {
    await endFuzzCycles();
    const redisUrl = `${need('REDIS_URL').replace(/\/\d*$/, '')}/3`;
    execFileSync('redis-cli', ['-u', redisUrl, 'flushdb'], { stdio: 'ignore' });
    const taskQueue = `${TASK_QUEUE_PREFIX}${Date.now().toString(36)}`;
    const env = { DATABASE_URL: await createTestDatabase('sozialraum_fuzz'), REDIS_URL: redisUrl, LOG_LEVEL: 'warn', VALIDATE_RESPONSES: 'true' };
    for (const service of ['monitoring', 'strategy', 'measures']) {
      execFileSync(process.execPath, [join(root, `services/${service}/dist/migrate.js`)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const start = async (entry: string, own: Record<string, string> = {}, portVariable?: string) => {
      const p = await startProcess(join(root, entry), { ...env, ...own }, portVariable);
      started.push(p);
      return p.url;
    };
    const monitoring = await start('services/monitoring/dist/index.js', { CYCLE_TASK_QUEUE: taskQueue });
    const strategy = await start('services/strategy/dist/index.js', { KEYCLOAK_CLIENT_SECRET: need('KEYCLOAK_SECRET_STRATEGY'), MONITORING_URL: monitoring, CYCLE_TASK_QUEUE: taskQueue });
    const measures = await start('services/measures/dist/index.js', { KEYCLOAK_CLIENT_SECRET: need('KEYCLOAK_SECRET_MEASURES'), MONITORING_URL: monitoring, CYCLE_TASK_QUEUE: taskQueue });
    await start('workflows/dist/worker.js', { TASK_QUEUE: taskQueue, TEMPORAL_METRICS_PORT: '0' }, 'HEALTH_PORT');
    for (const p of started) await waitUntilOk(`${p.url}/health/ready`, 120_000);
    await loadMonitoringDemo({ monitoringUrl: monitoring, dataDir: process.env.SHARED_DATA_DIR ?? join(root, '..', 'shared', 'data') });
    await loadStrategyDemo({ strategyUrl: strategy, monitoringUrl: monitoring, measuresUrl: measures });
    return { urls: { monitoring, strategy, measures }, output: () => started.map((p) => p.output()).join('\n'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
