import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { createRedisConnection, type Redis } from '@sozialraum/kit/redis';
import { closeTemporalWorker, createTemporalWorker } from '@sozialraum/kit/temporal';
import { type CycleService, startCycleServices, stackEnv, testLogger } from '@sozialraum/kit/testing';
import { createMonitoringStub, type MonitoringStub, startMonitoringStub } from './monitoring-stub';

/** The real stack (PostgreSQL, Redis, Temporal, Keycloak) and the monitoring stub's state. */
export interface TestStack {
  /** The strategy read model, which the strategy service's activities write. */
  pool: Pool;
  redis: Redis;
  client: Client;
  monitoring: MonitoringStub;
  close(): Promise<void>;
}

/** npm test runs the workflows in a namespace of their own (TEMPORAL_NAMESPACE, set by scripts/test.sh). */
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';

/**
 * The SDK's own logs only when something is wrong, for a test that runs no worker of the kit (replaying):
 * the kit's workers install a runtime of their own that logs into the test logger.
 */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed already in this test file
  }
}

export async function startStack(): Promise<TestStack> {
  const pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema: 'strategy' });
  const redis = createRedisConnection(stackEnv('REDIS_URL'), 'worker');
  const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace });
  const monitoring = createMonitoringStub();
  return {
    pool, redis, client, monitoring,
    close: async () => {
      await connection.close();
      redis.disconnect();
      await pool.end();
    },
  };
}

/** Bundled once per test file: webpack takes seconds, the worker then starts at once. */
export const bundleWorkflows = () => bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: new DefaultLogger('WARN') });

/**
 * The workflows in a worker in this process on the test's own task queue; their activities in the built
 * strategy and measures services on `<task queue>.strategy` / `.measures`, and the monitoring stub's on `.monitoring`.
 */
export async function startWorker(
  stack: TestStack,
  taskQueue: string,
  workflowBundle: WorkflowBundle,
  services: CycleService[] = ['strategy', 'measures'],
): Promise<{ shutdown(): Promise<void> }> {
  const activities = await startCycleServices({ taskQueue, services });
  const monitoring = await startMonitoringStub(stack.monitoring, taskQueue);
  // The kit's worker factory, as workflows/src/worker.ts uses it.
  const { worker, connection } = await createTemporalWorker({ address: stackEnv('TEMPORAL_ADDRESS'), namespace, logger: testLogger(), worker: { taskQueue, workflowBundle } });
  const workflows = closeTemporalWorker(worker, connection, worker.run());
  return {
    shutdown: async () => {
      await workflows.close();
      await monitoring.close();
      await activities.close();
    },
  };
}

export interface WorkerFixture {
  stack: TestStack;
  taskQueue: string;
}

/** beforeAll/afterAll of a test file: the stack, the bundle and one in-process worker on the file's own task queue. */
export function useWorker(taskQueue: string): WorkerFixture {
  const fixture = { taskQueue } as WorkerFixture;
  let worker: { shutdown(): Promise<void> } | undefined;
  beforeAll(async () => {
    const [stack, bundle] = await Promise.all([startStack(), bundleWorkflows()]);
    fixture.stack = stack;
    worker = await startWorker(stack, taskQueue, bundle);
  });
  afterAll(async () => {
    await worker?.shutdown();
    await fixture.stack?.close();
  });
  return fixture;
}
