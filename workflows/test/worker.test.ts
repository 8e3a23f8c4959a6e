import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { stackEnv, startProcess, waitUntilOk } from '@sozialraum/kit/testing';

describe('the Temporal worker as it runs', () => {
  test('when the worker starts, then it polls its task queue, is ready, and SIGTERM ends it with 0', async () => {
    const taskQueue = `e2e-${process.pid}`;
    const worker = await startProcess(join(__dirname, '..', 'dist', 'worker.js'), { TASK_QUEUE: taskQueue }, 'HEALTH_PORT');
    await waitUntilOk(`${worker.url}/health/ready`, 90_000);

    const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
    try {
      const described = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      expect(described.pollers?.length).toBeGreaterThan(0);
    } finally {
      await connection.close();
    }

    worker.child.kill('SIGTERM');
    const [code] = await worker.exited;
    expect(code).toBe(0);
    expect(worker.logs.filter((l) => l.msg === 'closed').map((l) => l.part)).toEqual(['http', 'temporal-worker']);
  });
});
