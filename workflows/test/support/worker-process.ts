import { join } from 'node:path';
import { freePort, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';

/** The built worker (dist/worker.js, as `npm start` runs it: workflows only) as its own process, on the test's own task queue. */
export async function startWorkerProcess(taskQueue: string): Promise<StartedProcess> {
  const worker = await startProcess(
    join(__dirname, '..', '..', 'dist', 'worker.js'),
    {
      TASK_QUEUE: taskQueue,
      TEMPORAL_METRICS_PORT: String(await freePort()),
    },
    'HEALTH_PORT',
  );
  await waitUntilOk(`${worker.url}/health/ready`, 90_000);
  return worker;
}
