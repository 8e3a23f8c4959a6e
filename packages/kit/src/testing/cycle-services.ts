import { join } from 'node:path';
import { startProcess, type StartedProcess, waitUntilOk } from './processes';
import { stackEnv } from './index';

/** The services that run a cycle's activities; `services/<name>/dist/index.js` from the repository's root. */
export type CycleService = 'strategy' | 'measures' | 'monitoring';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** Monitoring calls no other service: it has no client secret. */
const SECRETS: Record<CycleService, string | undefined> = { strategy: 'KEYCLOAK_SECRET_STRATEGY', measures: 'KEYCLOAK_SECRET_MEASURES', monitoring: undefined };

export interface CycleServices {
  processes: Partial<Record<CycleService, StartedProcess>>;
  close(): Promise<void>;
}

/**
 * The one harness for a running cycle's activities: the built services (as `npm start` runs them) on the
 * test's own cycle queue, each polling `<taskQueue>.<service>` for the activities that touch its data, on
 * the test's database. Tests run the workflows themselves (a worker in-process, or workflows/dist/worker.js).
 */
export async function startCycleServices(options: { taskQueue: string; services: CycleService[]; env?: NodeJS.ProcessEnv }): Promise<CycleServices> {
  const processes: Partial<Record<CycleService, StartedProcess>> = {};
  const close = async () => {
    for (const started of Object.values(processes)) {
      if (started.child.exitCode === null) started.child.kill('SIGTERM');
      await started.exited;
    }
  };
  try {
    await Promise.all(
      options.services.map(async (service) => {
        const started = await startProcess(join(ROOT, 'services', service, 'dist', 'index.js'), {
          LOG_LEVEL: process.env.CYCLE_SERVICES_LOG_LEVEL ?? 'warn',
          CYCLE_TASK_QUEUE: options.taskQueue,
          ...(SECRETS[service] ? { KEYCLOAK_CLIENT_SECRET: stackEnv(SECRETS[service]) } : {}),
          RUN_ACTIVITIES: 'true',
          RUN_JOBS: 'false',
          ...options.env,
        });
        processes[service] = started;
        await waitUntilOk(`${started.url}/health/ready`, 60_000);
      }),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { processes, close };
}
