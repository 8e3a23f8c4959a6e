import type { Server } from 'node:http';
import type { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { type BaseServiceConfig, ConfigError, loadConfig } from './config';
import type { HttpApp } from './http/app';
import { type Closable, closeHttpServer, runProcess } from './lifecycle';
import { createLogger, type Logger } from './logger';
import type { TokenVerifier } from './auth/verifier';
import type { HealthCheck } from './health';

/** What every service's `createDependencies` returns; services add their own parts. */
export interface ServiceDependencies<C extends BaseServiceConfig = BaseServiceConfig> {
  config: C;
  logger: Logger;
  verifier: TokenVerifier;
  /** The real dependencies /health/ready checks. */
  health: HealthCheck[];
  /** The service's own metrics (queue backlogs and the like), served at /metrics. */
  metrics?: Registry;
  /** BullMQ queues shown to admins on the queue board (/admin/queues). */
  queues?: Queue[];
  /** Closed after HTTP has drained, in this order. */
  resources: Closable[];
}

/** Work a service runs beside its HTTP server: queue workers, relays, its Temporal worker. */
export interface Background {
  /** Added to /health/ready. */
  health: HealthCheck[];
  /** Closed after HTTP has drained and before the dependencies, in this order (workers drain first). */
  resources: Closable[];
}

export interface HttpServiceDefinition<C extends BaseServiceConfig, D extends ServiceDependencies<C>> {
  name: string;
  configSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
  createDependencies: (config: C, logger: Logger) => Promise<D> | D;
  createServer: (deps: D) => HttpApp;
  /** Started after the dependencies, beside the server; the entry point decides what a process runs. */
  background?: (deps: D) => Promise<Background> | Background;
}

/** The one bootstrap of every HTTP service: config, logger, listen, graceful shutdown. */
export function runHttpService<C extends BaseServiceConfig, D extends ServiceDependencies<C>>(definition: HttpServiceDefinition<C, D>): void {
  const config = loadConfigOrExit(definition.name, definition.configSchema);
  const logger = createLogger({ name: definition.name, level: config.LOG_LEVEL });
  void runProcess({
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    start: async () => {
      const deps = await definition.createDependencies(config, logger);
      const background = (await definition.background?.(deps)) ?? { health: [], resources: [] };
      const app = definition.createServer({ ...deps, health: [...deps.health, ...background.health] });
      const server: Server = await new Promise((resolve) => {
        const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      });
      logger.info({ port: config.PORT }, `${definition.name} listening`);
      return [closeHttpServer(server, app.startDraining), ...background.resources, ...deps.resources];
    },
  });
}

/** Parses the config; on failure prints which variables are wrong and exits 1 before anything starts. */
export function loadConfigOrExit<C>(name: string, schema: z.ZodType<C, z.ZodTypeDef, unknown>): C {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger({ name }).fatal({ problems: error.problems }, error.message);
    process.exit(1);
  }
}
