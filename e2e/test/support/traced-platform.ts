import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { call, createTestDatabase, startProcess, type StartedProcess, userToken, waitUntilOk } from '@sozialraum/kit/testing';
import { createTemporalClient } from '@sozialraum/kit/temporal';

/**
 * What the tracing tests share: monitoring, strategy and the worker as their own processes, exporting their
 * spans as the given OpenTelemetry variables say, and one cycle started with a `traceparent` header.
 * Each test brings its own trace receiver (Zipkin, Jaeger over OTLP) and reads the trace from it.
 */
const root = join(__dirname, '..', '..', '..');

export function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test", which starts the local stack and fetches Zipkin and Jaeger.`);
  return value;
}

/** A trace receiver's server, started by a test; stop() kills it whatever happened. */
export interface Receiver {
  stop: () => Promise<void>;
}

export function startReceiver(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Receiver {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = once(child, 'exit');
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface TracedPlatform {
  urls: { monitoring: string; strategy: string };
  /** monitoring, strategy and the worker, in this order. */
  started: StartedProcess[];
  /**
   * A planner creates a space and starts its cycle with a `traceparent` of a new trace; returns the trace's
   * ID and the caller's span, the parent of strategy's first span.
   */
  startTracedCycle: () => Promise<{ traceId: string; parentSpan: string }>;
  stop: () => Promise<void>;
}

/**
 * Starts the processes on a database (`database`), Redis prefix and task queue of their own, with `exporter`
 * (OTEL_* variables) added to their environment; resolves when they are ready, and the receiver too (`receiverReady`).
 */
export async function startTracedPlatform(database: string, exporter: Record<string, string>, receiverReady: () => Promise<void>): Promise<TracedPlatform> {
  const run = Date.now().toString(36);
  const spaceCode = `TRACE-${run}`;
  const taskQueue = `traces-${run}`;
  const started: StartedProcess[] = [];
  const stop = async () => {
    const { client, closable } = createTemporalClient({ address: need('TEMPORAL_ADDRESS'), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    await client.workflow.getHandle(`cycle-${spaceCode}-1`).terminate('tracing test done').catch(() => undefined);
    await closable.close();
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(started.map((p) => p.exited));
  };

  const env = {
    DATABASE_URL: await createTestDatabase(database),
    REDIS_PREFIX: `traces-${run}`,
    LOG_LEVEL: 'info',
    // Spans leave every 200 ms instead of every 5 s, so the test need not wait long.
    OTEL_BSP_SCHEDULE_DELAY: '200',
    ...exporter,
  };
  for (const service of ['monitoring', 'strategy']) {
    execFileSync(process.execPath, [join(root, `services/${service}/dist/migrate.js`)], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const start = async (entry: string, own: Record<string, string>, portVariable?: string) => {
    const process = await startProcess(join(root, entry), { ...env, ...own }, portVariable);
    started.push(process);
    return process.url;
  };
  const monitoring = await start('services/monitoring/dist/index.js', { CYCLE_TASK_QUEUE: taskQueue });
  const strategy = await start('services/strategy/dist/index.js', { KEYCLOAK_CLIENT_SECRET: need('KEYCLOAK_SECRET_STRATEGY'), MONITORING_URL: monitoring, CYCLE_TASK_QUEUE: taskQueue });
  await start('workflows/dist/worker.js', { TASK_QUEUE: taskQueue, TEMPORAL_METRICS_PORT: '0' }, 'HEALTH_PORT');
  try {
    await Promise.all([...started.map((p) => waitUntilOk(`${p.url}/health/ready`, 90_000)), receiverReady()]);
  } catch (error) {
    await stop();
    throw error;
  }

  const startTracedCycle = async () => {
    const token = await userToken('planer');
    const space = await call(`${monitoring}/v1/spaces`, { token, method: 'POST', body: { code: spaceCode, name: `Spurraum ${run}`, type: 'social-space' } });
    expect(space.status).toBe(201);
    const traceId = randomBytes(16).toString('hex');
    const parentSpan = randomBytes(8).toString('hex');
    const response = await call(`${strategy}/v1/cycles`, { token, method: 'POST', body: { spaceCode }, headers: { traceparent: `00-${traceId}-${parentSpan}-01` } });
    expect(response.status).toBe(201);
    return { traceId, parentSpan };
  };

  return { urls: { monitoring, strategy }, started, startTracedCycle, stop };
}
