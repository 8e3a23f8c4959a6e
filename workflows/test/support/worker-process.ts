import { join } from 'node:path';
import { freePort, stackEnv, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';

/** The built worker (dist/worker.js, as `npm start` runs it) as its own process, on the test's own task queue. */
export async function startWorkerProcess(taskQueue: string, monitoringUrl = 'http://127.0.0.1:9'): Promise<StartedProcess> {
  const worker = await startProcess(
    join(__dirname, '..', '..', 'dist', 'worker.js'),
    {
      TASK_QUEUE: taskQueue,
      MONITORING_URL: monitoringUrl,
      KEYCLOAK_CLIENT_SECRET: stackEnv('KEYCLOAK_SECRET_WORKFLOWS'),
      TEMPORAL_METRICS_PORT: String(await freePort()),
    },
    'HEALTH_PORT',
  );
  await waitUntilOk(`${worker.url}/health/ready`, 90_000);
  return worker;
}
