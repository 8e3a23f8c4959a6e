import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadMonitoringDemo } from '@sozialraum/demo/dist/load';
import { loadStrategyDemo } from '@sozialraum/demo/dist/cycles';
import { createTestDatabase, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';
import { endBrowserTestCycles, TASK_QUEUE_PREFIX } from './cycles';

const root = join(__dirname, '..', '..', '..', '..');

/** What the browser tests reach: the web app, and each service for preparing and checking data through its API. */
export interface Platform {
  web: string;
  monitoring: string;
  strategy: string;
  measures: string;
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with "npm test", which starts the local stack.`);
  return value;
}

/**
 * The whole platform as `npm start` runs it — three services, the Temporal worker and the web server, each its
 * own process on a free port — on a database, Redis database and task queue of its own, with Flensburg's demo
 * data loaded through the APIs. Returns how to reach it and how to stop every process it started.
 */
export async function startPlatform(): Promise<{ platform: Platform; stop: () => Promise<void> }> {
  const started: StartedProcess[] = [];
  const stop = async () => {
    await Promise.all(
      started.map(async (p) => {
        if (p.child.exitCode !== null || p.child.signalCode !== null) return;
        p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
        await p.exited;
        clearTimeout(timer);
      }),
    );
    await endBrowserTestCycles();
  };
  try {
    await endBrowserTestCycles();
    const databaseUrl = await createTestDatabase('sozialraum_web_e2e');
    const redisUrl = need('REDIS_URL').replace(/\/\d*$/, '') + '/2';
    const taskQueue = `${TASK_QUEUE_PREFIX}${Date.now().toString(36)}`;
    const common = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_PREFIX: 'sozialraum-e2e', EXPENSIVE_REQUESTS_PER_MINUTE: '0', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn' };
    for (const service of ['monitoring', 'strategy', 'measures']) {
      execFileSync(process.execPath, [join(root, `services/${service}/dist/migrate.js`)], { env: { ...process.env, ...common }, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    execFileSync('redis-cli', ['-u', redisUrl, 'flushdb'], { stdio: 'ignore' });

    const start = async (entry: string, env: Record<string, string>, portVariable = 'PORT') => {
      const p = await startProcess(join(root, entry), { ...common, ...env }, portVariable);
      started.push(p);
      return p;
    };
    const monitoring = await start('services/monitoring/dist/index.js', { CYCLE_TASK_QUEUE: taskQueue });
    const strategy = await start('services/strategy/dist/index.js', { KEYCLOAK_CLIENT_SECRET: need('KEYCLOAK_SECRET_STRATEGY'), MONITORING_URL: monitoring.url, CYCLE_TASK_QUEUE: taskQueue });
    const measures = await start('services/measures/dist/index.js', { KEYCLOAK_CLIENT_SECRET: need('KEYCLOAK_SECRET_MEASURES'), MONITORING_URL: monitoring.url, CYCLE_TASK_QUEUE: taskQueue });
    // The workflows only; strategy, measures and monitoring run the cycle's activities on `<queue>.strategy` / `.measures` / `.monitoring`.
    await start('workflows/dist/worker.js', { TASK_QUEUE: taskQueue, TEMPORAL_METRICS_PORT: '0' }, 'HEALTH_PORT');
    const web = await start('apps/web/dist/server/index.js', { MONITORING_URL: monitoring.url, STRATEGY_URL: strategy.url, MEASURES_URL: measures.url });
    for (const p of started) await waitUntilOk(`${p.url}/health/ready`, 120_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${p.output().slice(-3000)}`);
    });

    const dataDir = process.env.SHARED_DATA_DIR ?? join(root, '..', 'shared', 'data');
    if (!existsSync(join(dataDir, 'flensburg'))) throw new Error(`The demo data are missing at ${dataDir} (set SHARED_DATA_DIR).`);
    await loadMonitoringDemo({ monitoringUrl: monitoring.url, dataDir });
    await loadStrategyDemo({ strategyUrl: strategy.url, monitoringUrl: monitoring.url, measuresUrl: measures.url });
    return { platform: { web: web.url, monitoring: monitoring.url, strategy: strategy.url, measures: measures.url }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
