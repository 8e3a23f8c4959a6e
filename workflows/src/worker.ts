import './tracing';
import { closeHttpServer, createLogger, createMetricsRegistry, loadConfigOrExit, mountHealth, mountMetrics, runProcess, type Closable } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection } from '@sozialraum/kit/redis';
import { closeTemporalWorker, createTemporalClient, createTemporalWorker, temporalTls, temporalWorkerHealth } from '@sozialraum/kit/temporal';
import express from 'express';
import { createActivities, createMeasuresServicePort, createMonitoringClient, createNotificationQueue } from './activities';
import { configSchema } from './config';

const config = loadConfigOrExit('worker', configSchema);
const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });

void runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async (): Promise<Closable[]> => {
    const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'strategy', applicationName: 'workflows' });
    const redis = createRedisConnection(config.REDIS_URL, 'producer');
    const notifications = createNotificationQueue(redis, config.REDIS_PREFIX);
    const tls = temporalTls(config);
    const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, tls });
    const login = { keycloakUrl: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, clientId: config.KEYCLOAK_CLIENT_ID, clientSecret: config.KEYCLOAK_CLIENT_SECRET };
    const monitoring = createMonitoringClient({ baseUrl: config.MONITORING_URL, ...login });
    const measures = createMeasuresServicePort({ baseUrl: config.MEASURES_URL, ...login });

    const temporalMetrics = config.TEMPORAL_METRICS_PORT ? `127.0.0.1:${config.TEMPORAL_METRICS_PORT}` : undefined;
    const { worker, connection } = await createTemporalWorker({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      tls,
      logger,
      ...(temporalMetrics ? { metricsAddress: temporalMetrics } : {}),
      worker: {
        taskQueue: config.TASK_QUEUE,
        workflowsPath: require.resolve('./workflows'),
        activities: createActivities({ pool, monitoring, measures, temporal: temporal.client, notifications, logger }),
      },
    });
    const running = worker.run();
    running.catch((error: unknown) => {
      logger.fatal({ err: error }, 'worker stopped unexpectedly');
      process.exit(1);
    });
    logger.info({ taskQueue: config.TASK_QUEUE }, 'worker polling');

    const health = express();
    let draining = false;
    mountHealth(health, [temporalWorkerHealth(worker), postgresHealth(pool)], () => draining);
    // One scrape for Prometheus: the process's metrics and the SDK's worker metrics.
    const sdkMetrics = temporalMetrics ? async () => (await fetch(`http://${temporalMetrics}/metrics`)).text() : undefined;
    mountMetrics(health, createMetricsRegistry('worker'), sdkMetrics);
    const server = health.listen(config.HEALTH_PORT);
    // In this order: stop answering probes, drain the worker (running activities finish), then what they used.
    return [
      closeHttpServer(server, () => (draining = true)),
      closeTemporalWorker(worker, connection, running),
      temporal.closable,
      { name: 'notifications', close: () => notifications.close() },
      closeRedis(redis),
      closePool(pool),
    ];
  },
});
