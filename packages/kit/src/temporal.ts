import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { HealthCheck } from './health';
import type { Closable } from './lifecycle';

export interface TemporalOptions {
  address: string;
  namespace: string;
}

/** A client for starting, signalling, updating and querying workflows. */
export function createTemporalClient(options: TemporalOptions): { client: Client; connection: Connection; closable: Closable } {
  // Lazy: the service starts (and reports not ready) while Temporal is away, instead of crashing.
  const connection = Connection.lazy({ address: options.address });
  return {
    connection,
    client: new Client({ connection, namespace: options.namespace }),
    closable: { name: 'temporal-client', close: () => connection.close() },
  };
}

export function temporalClientHealth(connection: Connection): HealthCheck {
  return { name: 'temporal', check: async () => void (await connection.healthService.check({})) };
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
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({ ...options.worker, connection, namespace: options.namespace });
  return { worker, connection };
}

export function temporalWorkerHealth(worker: Worker): HealthCheck {
  return {
    name: 'temporal-worker',
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
