import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { createRedisConnection, type Redis } from '@sozialraum/kit/redis';
import { redisPrefix, stackEnv, testLogger } from '@sozialraum/kit/testing';
import { type ActivityDependencies, createActivities, createMonitoringClient, createNotificationQueue, type NotificationQueue } from '../../src/activities';
import { type MonitoringStub, startMonitoringStub } from './monitoring-stub';

/** The real stack the activities use (PostgreSQL, Redis, Temporal, Keycloak for the service token) and the monitoring stub. */
export interface TestStack {
  pool: Pool;
  redis: Redis;
  notifications: NotificationQueue;
  client: Client;
  monitoring: MonitoringStub;
  deps: ActivityDependencies;
  close(): Promise<void>;
}

/** npm test runs the workflows in a namespace of their own (TEMPORAL_NAMESPACE, set by scripts/test.sh). */
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';

let runtimeInstalled = false;
/** The SDK's own logs only when something is wrong. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // installed by an earlier test file in this process
  }
}

export async function startStack(): Promise<TestStack> {
  quietRuntime();
  const pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema: 'strategy' });
  const redis = createRedisConnection(stackEnv('REDIS_URL'), 'worker');
  const notifications = createNotificationQueue(redis, redisPrefix());
  const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace });
  const monitoring = await startMonitoringStub();
  const deps: ActivityDependencies = {
    pool,
    notifications,
    temporal: client,
    logger: testLogger(),
    monitoring: createMonitoringClient({
      baseUrl: monitoring.url,
      keycloakUrl: stackEnv('KEYCLOAK_URL'),
      realm: process.env.KEYCLOAK_REALM ?? 'sozialraum',
      clientId: 'svc-workflows',
      clientSecret: stackEnv('KEYCLOAK_SECRET_WORKFLOWS'),
    }),
  };
  return {
    pool, redis, notifications, client, monitoring, deps,
    close: async () => {
      await monitoring.close();
      await connection.close();
      await notifications.close();
      redis.disconnect();
      await pool.end();
    },
  };
}

/** Bundled once per test file: webpack takes seconds, the worker then starts at once. */
export const bundleWorkflows = () => {
  quietRuntime();
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: new DefaultLogger('WARN') });
};

/** A worker in this process on its own task queue, with the real activities. */
export async function startWorker(stack: TestStack, taskQueue: string, workflowBundle: WorkflowBundle): Promise<{ shutdown(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({ connection, namespace, taskQueue, workflowBundle, activities: createActivities(stack.deps) });
  const running = worker.run();
  return {
    shutdown: async () => {
      worker.shutdown();
      await running;
      await connection.close();
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
