import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { call, closedParts, stackEnv, waitFor } from '@sozialraum/kit/testing';
import { startWorkerProcess } from './support/worker-process';

describe('the Temporal worker as it runs', () => {
  test('when the worker starts, then it polls its task queue with the workflows only, is ready, and SIGTERM ends it with 0', async () => {
    const taskQueue = `e2e-${process.pid}`;
    const worker = await startWorkerProcess(taskQueue);
    expect(Object.keys((await call(`${worker.url}/health/ready`)).body.checks).sort()).toEqual(['temporal-worker']);

    const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
    try {
      // The first long poll may reach the server a moment after the health endpoint says ready.
      const pollers = async () =>
        (
          await connection.workflowService.describeTaskQueue({
            namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
            taskQueue: { name: taskQueue },
            taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          })
        ).pollers?.length ?? 0;
      await waitFor(async () => (await pollers()) > 0, 10_000, 'a poller on the task queue');
      // One scrape: the process's own metrics and the SDK's worker metrics.
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).toContain('process_resident_memory_bytes{service="worker"}');
      expect(metrics).toMatch(new RegExp(`temporal_[a-z_]+\\{[^}]*task_queue="${taskQueue}"`));
    } finally {
      await connection.close();
    }

    worker.child.kill('SIGTERM');
    const [code] = await worker.exited;
    expect(code).toBe(0);
    // HTTP stops first, then the worker drains its workflow tasks. It has no database, Redis or service client:
    // the activities run in the services that own the data.
    expect(closedParts(worker)).toEqual(['http', 'temporal-worker']);
  });
});
