import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { temporalActivityWorkerConfig, temporalTlsConfig } from './config';
import type * as TemporalOpenTelemetry from '@temporalio/interceptors-opentelemetry';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { type HealthCheck, withTimeout } from './health';
import type { Closable } from './lifecycle';
import { dependencyOutage, dependencyUnavailable, retryAfterFor } from './outage';
import { activeTracing } from './tracing/state';

export interface TemporalOptions {
  address: string;
  namespace: string;
  /** mTLS to Temporal's frontend (production): see `temporalTls`. */
  tls?: TLSConfig;
}

/** The TLS options of `temporalTlsConfig` (kit config), read from their files; undefined when none is set. */
type TemporalTlsEnv = { [K in keyof typeof temporalTlsConfig]?: string };

export function temporalTls(config: TemporalTlsEnv): TLSConfig | undefined {
  const { TEMPORAL_TLS_CERT_FILE: cert, TEMPORAL_TLS_KEY_FILE: key, TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_SERVER_NAME: serverName } = config;
  if (!cert && !key && !ca && !serverName) return undefined;
  if (!cert !== !key) throw new Error('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together (the client certificate and its key).');
  return {
    ...(cert && key ? { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } } : {}),
    ...(ca ? { serverRootCACertificate: readFileSync(ca) } : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
}

/**
 * With tracing on, Temporal's OpenTelemetry interceptors: a client call (start, signal, update) carries the
 * trace into the workflow's headers, the workflow's spans (through a sink) and its activities' spans join
 * it, and so do the activities' own calls (HTTP, PostgreSQL, Redis). Every client and worker of the kit
 * gets them; with tracing off, none.
 */
function tracingPlugins(): TemporalOpenTelemetry.OpenTelemetryPlugin[] {
  const tracing = activeTracing();
  if (!tracing) return [];
  // Loaded only with tracing on (it takes a moment to load).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OpenTelemetryPlugin } = require('@temporalio/interceptors-opentelemetry') as typeof TemporalOpenTelemetry;
  return [new OpenTelemetryPlugin({ resource: tracing.resource, spanProcessor: tracing.spanProcessor })];
}

/** Runs Temporal calls under one deadline; see `temporalDeadline`. */
export type TemporalDeadline = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A client for starting, signalling, updating and querying workflows, and `deadline`, which every call a
 * request waits for goes through (default 10 s, TEMPORAL_TIMEOUT_MS).
 */
export function createTemporalClient(options: TemporalOptions & { timeoutMs?: number }): {
  client: Client;
  connection: Connection;
  deadline: TemporalDeadline;
  closable: Closable;
} {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Lazy: the service starts (and shows Temporal down in its status) while Temporal is away, instead of crashing.
  const connection = Connection.lazy({ address: options.address, connectTimeout: timeoutMs, ...(options.tls ? { tls: options.tls } : {}) });
  const client = new Client({ connection, namespace: options.namespace, plugins: tracingPlugins() });
  return {
    connection,
    client,
    deadline: temporalDeadline(client, timeoutMs),
    closable: { name: 'temporal-client', close: () => connection.close() },
  };
}

/**
 * Every gRPC call inside `work` must finish by the same deadline (`withDeadline`: also the long polls of an
 * update's outcome). Temporal away or too slow becomes 503 with Retry-After; any other error (a refusal of
 * the workflow, a workflow that does not exist) passes unchanged. Whether a late call took effect is not
 * known: callers make repeats harmless (update IDs, workflow IDs, event IDs).
 */
export function temporalDeadline(client: Client, timeoutMs: number): TemporalDeadline {
  return async (work) => {
    const deadline = Date.now() + timeoutMs;
    try {
      // The gRPC deadline ends the calls; the cap also ends the wait for a (lazy) connection to open.
      return await withTimeout(client.withDeadline(deadline, work), timeoutMs + 100, () => new Error(`no answer within ${timeoutMs} ms`));
    } catch (error) {
      if (!dependencyOutage(error) && Date.now() < deadline) throw error;
      throw dependencyUnavailable('temporal', `The workflow engine (Temporal) did not answer within ${timeoutMs} ms; try again shortly.`, {
        retryAfterSeconds: retryAfterFor(timeoutMs),
        cause: error,
      });
    }
  };
}

/** Not essential for the services: what does not need Temporal goes on while it is away. */
export function temporalClientHealth(connection: Connection, timeoutMs = 2_000): HealthCheck {
  return { name: 'temporal', check: async () => void (await connection.withDeadline(Date.now() + timeoutMs, () => connection.healthService.check({}))) };
}

let runtimeInstalled = false;

/**
 * Routes the Temporal SDK's own logs into the process's pino logger, and leaves signals to our
 * lifecycle (the SDK would otherwise shut workers down on SIGTERM by itself). With a metrics address, the
 * SDK's core serves its worker metrics (task slots, poll and schedule latencies) there. Once per process.
 */
function installRuntime(logger: Logger, metricsAddress?: string): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({
    shutdownSignals: [],
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
    logger: new DefaultLogger('WARN', (entry) => {
      const level = entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
      logger[level]({ ...entry.meta, sdk: 'temporal' }, entry.message);
    }),
  });
}

export type WorkerDefinition = Omit<WorkerOptions, 'connection' | 'namespace'>;

/** Connects a worker to Temporal; `run()` polls its task queue until `shutdown()` drains it. */
export async function createTemporalWorker(
  options: TemporalOptions & { logger: Logger; worker: WorkerDefinition; metricsAddress?: string },
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntime(options.logger, options.metricsAddress);
  const connection = await NativeConnection.connect({ address: options.address, ...(options.tls ? { tls: options.tls } : {}) });
  const plugins = [...(options.worker.plugins ?? []), ...tracingPlugins()];
  const worker = await Worker.create({ ...options.worker, plugins, connection, namespace: options.namespace });
  return { worker, connection };
}

export function temporalWorkerHealth(worker: Worker): HealthCheck {
  return {
    name: 'temporal-worker',
    essential: true,
    check: async () => {
      if (worker.getState() !== 'RUNNING') throw new Error(`worker is ${worker.getState()}`);
    },
  };
}

/** Stops polling, lets running activities and workflow tasks finish, then closes the connection. */
export function closeTemporalWorker(worker: Worker, connection: NativeConnection, running: Promise<void>): Closable {
  return {
    name: 'temporal-worker',
    close: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** A service's worker for the activities that touch its data: running, in readiness and metrics, drained on shutdown. */
export interface ActivityWorker {
  health: HealthCheck;
  closable: Closable;
}

/**
 * Starts polling `taskQueue` with the service's activities (no workflows). Its state shows in readiness and
 * as `temporal_activity_worker_running{queue}`, its running activities as `temporal_activity_worker_in_flight`.
 */
export async function startActivityWorker(
  options: TemporalOptions & { logger: Logger; taskQueue: string; activities: object; registry?: Registry; slots?: number; pollers?: number },
): Promise<ActivityWorker> {
  const { slots, pollers } = options;
  const { worker, connection } = await createTemporalWorker({
    ...options,
    worker: {
      taskQueue: options.taskQueue,
      activities: options.activities,
      ...(slots ? { maxConcurrentActivityTaskExecutions: slots } : {}),
      ...(pollers ? { maxConcurrentActivityTaskPolls: Math.min(pollers, slots ?? pollers) } : {}),
    },
  });
  const running = worker.run();
  running.catch((error: unknown) => options.logger.fatal({ err: error, taskQueue: options.taskQueue }, 'activity worker stopped unexpectedly'));
  const { registry, taskQueue } = options;
  if (registry) {
    queueGauge(registry, taskQueue, 'temporal_activity_worker_running', '1 while the service polls its activity task queue', () => (worker.getState() === 'RUNNING' ? 1 : 0));
    queueGauge(registry, taskQueue, 'temporal_activity_worker_in_flight', 'Activities this worker is running now', () => worker.getStatus().numInFlightActivities);
  }
  options.logger.info({ taskQueue: options.taskQueue }, 'activity worker polling');
  return { health: temporalWorkerHealth(worker), closable: closeTemporalWorker(worker, connection, running) };
}

/** A gauge of one task queue's worker, read when metrics are scraped. */
function queueGauge(registry: Registry, queue: string, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    labelNames: ['queue'] as const,
    registers: [registry],
    collect() {
      this.set({ queue }, read());
    },
  });
}

type ActivityWorkerEnv = { [K in keyof typeof temporalActivityWorkerConfig]?: number };

/** A service's activity worker from its config (TEMPORAL_*, its slots and pollers, TLS files), as its background() starts it. */
export function startServiceActivityWorker(
  config: TemporalTlsEnv & ActivityWorkerEnv & { TEMPORAL_ADDRESS: string; TEMPORAL_NAMESPACE: string },
  options: { logger: Logger; taskQueue: string; activities: object; registry: Registry | undefined },
): Promise<ActivityWorker> {
  const { registry, ...rest } = options;
  return startActivityWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    tls: temporalTls(config),
    slots: config.TEMPORAL_ACTIVITY_SLOTS,
    pollers: config.TEMPORAL_ACTIVITY_POLLERS,
    ...rest,
    ...(registry ? { registry } : {}),
  });
}
