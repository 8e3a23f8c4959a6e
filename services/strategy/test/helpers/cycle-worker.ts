import { createPool } from '@sozialraum/kit/db';
import { createRedisConnection } from '@sozialraum/kit/redis';
import { redisPrefix, stackEnv, type StartedProcess, testLogger } from '@sozialraum/kit/testing';
import { Client, Connection } from '@temporalio/client';
import { closeTemporalWorker, createTemporalWorker } from '@sozialraum/kit/temporal';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
// The other engineer's workflow package: its real activities and workflows, run by a worker in this process.
import { createActivities, createMonitoringClient, createNotificationQueue } from '@sozialraum/workflows/dist/activities';
import { ensureSpaces } from './processes';

/** Bundled once per test file: webpack takes seconds, a worker then starts at once (also after a "crash"). */
export function bundleCycleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('@sozialraum/workflows/dist/workflows'), logger: new DefaultLogger('ERROR') });
}

export interface CycleWorker {
  shutdown(): Promise<void>;
}

/**
 * A worker on the test's own task queue with the real activities: they write the strategy read model in
 * this test's database, queue notifications in its Redis and call the real monitoring service.
 */
export async function startCycleWorker(options: { taskQueue: string; bundle: WorkflowBundle; monitoringUrl: string }): Promise<CycleWorker> {
  const pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema: 'strategy' });
  const redis = createRedisConnection(stackEnv('REDIS_URL'), 'worker');
  const notifications = createNotificationQueue(redis, redisPrefix());
  const clientConnection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const monitoring = createMonitoringClient({
    baseUrl: options.monitoringUrl,
    keycloakUrl: stackEnv('KEYCLOAK_URL'),
    realm: process.env.KEYCLOAK_REALM ?? 'sozialraum',
    clientId: 'svc-workflows',
    clientSecret: stackEnv('KEYCLOAK_SECRET_WORKFLOWS'),
  });
  const activities = createActivities({
    pool,
    notifications,
    monitoring,
    temporal: new Client({ connection: clientConnection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }),
    logger: testLogger(),
  });
  // The kit's worker factory, as workflows/src/worker.ts uses it (it routes the SDK's logs to the test logger).
  const { worker, connection } = await createTemporalWorker({
    address: stackEnv('TEMPORAL_ADDRESS'),
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    logger: testLogger(),
    worker: { taskQueue: options.taskQueue, workflowBundle: options.bundle, activities },
  });
  const stop = closeTemporalWorker(worker, connection, worker.run());
  return {
    shutdown: async () => {
      await stop.close();
      await clientConnection.close();
      await notifications.close();
      redis.disconnect();
      await pool.end();
    },
  };
}

/** Ends this test's cycles in Temporal (runs that crashed before their cleanup included), so a space is free again. */
/**
 * Makes a space ready for a test's cycle: it exists in monitoring, and no cycle of it is left running in the
 * tests' namespace (by other test files or a crashed run) — neither in Temporal nor in the read model.
 */
export async function freshSpace(
  monitoring: StartedProcess,
  strategy: { temporal: Client; pool: { query: (sql: string, params: unknown[]) => Promise<unknown> } },
  spaceCode: string,
): Promise<void> {
  await ensureSpaces(monitoring, spaceCode);
  await terminateCycles(strategy.temporal, spaceCode, '');
  await strategy.pool.query(`UPDATE cycle SET status = 'cancelled' WHERE space_code = $1 AND status IN ('running', 'suspended')`, [spaceCode]);
}

export async function terminateCycles(client: Client, spaceCode: string, taskQueuePrefix: string): Promise<void> {
  for await (const execution of client.workflow.list({ query: `WorkflowId STARTS_WITH "cycle-${spaceCode}-" AND ExecutionStatus = "Running"` })) {
    if (!execution.taskQueue.startsWith(taskQueuePrefix)) continue;
    await client.workflow.getHandle(execution.workflowId).terminate('test cleanup').catch(() => undefined);
  }
}
