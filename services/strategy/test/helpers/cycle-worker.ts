import { activityQueue } from '@sozialraum/contracts';
import { loadConfig } from '@sozialraum/kit';
import { startActivityWorker, closeTemporalWorker, createTemporalWorker } from '@sozialraum/kit/temporal';
import { type CycleServices, startCycleServices, stackEnv, type StartedProcess, testLogger } from '@sozialraum/kit/testing';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
import { createStrategyActivities } from '../../src/activities';
import { configSchema } from '../../src/config';
import { createDependencies } from '../../src/dependencies';
import { ensureSpaces } from './processes';

/** Bundled once per test file: webpack takes seconds, a worker then starts at once (also after a "crash"). */
export function bundleCycleWorkflows(): Promise<WorkflowBundle> {
  // The workflow package's code, as its worker runs it: deterministic, no activities of its own.
  return bundleWorkflowCode({ workflowsPath: require.resolve('@sozialraum/workflows/dist/workflows'), logger: new DefaultLogger('ERROR') });
}

export interface CycleWorker {
  shutdown(): Promise<void>;
}

/**
 * A running cycle on the test's own task queue: the workflows in a worker in this process, this service's
 * activities (as its background runs them) on `<queue>.strategy` with this test's database, Redis and
 * monitoring, and the built measures service on `<queue>.measures`. Strategy services the test starts itself
 * leave the activities to this worker (RUN_ACTIVITIES=false in the helpers).
 */
export async function startCycleWorker(options: { taskQueue: string; bundle: WorkflowBundle; monitoringUrl: string }): Promise<CycleWorker> {
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const config = loadConfig(configSchema, { ...process.env, MONITORING_URL: options.monitoringUrl, RUN_JOBS: 'false' });
  const deps = createDependencies(config, testLogger());
  const measures: CycleServices = await startCycleServices({ taskQueue: options.taskQueue, services: ['measures'], env: { MONITORING_URL: options.monitoringUrl } });
  const activities = await startActivityWorker({
    address: stackEnv('TEMPORAL_ADDRESS'), namespace, logger: testLogger(), taskQueue: activityQueue(options.taskQueue, 'strategy'), activities: createStrategyActivities(deps),
  });
  // The kit's worker factory, as workflows/src/worker.ts uses it (it routes the SDK's logs to the test logger).
  const { worker, connection } = await createTemporalWorker({
    address: stackEnv('TEMPORAL_ADDRESS'), namespace, logger: testLogger(),
    // A worker a test stops leaves its idle cycles sticky to it: their next workflow task (an update) moves to
    // the shared queue after 2 s instead of Temporal's default 10 s, well within a request's deadline.
    worker: { taskQueue: options.taskQueue, workflowBundle: options.bundle, stickyQueueScheduleToStartTimeout: '2s' },
  });
  const stop = closeTemporalWorker(worker, connection, worker.run());
  return {
    shutdown: async () => {
      await stop.close();
      await activities.closable.close();
      await measures.close();
      for (const resource of deps.resources) await resource.close();
    },
  };
}

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
