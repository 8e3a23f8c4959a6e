import './tracing';
import { closeHttpServer, createLogger, createMetricsRegistry, loadConfigOrExit, mountHealth, mountMetrics, runProcess, type Closable } from '@sozialraum/kit';
import { closeTemporalWorker, createTemporalWorker, temporalTls, temporalWorkerHealth } from '@sozialraum/kit/temporal';
import express from 'express';
import { configSchema } from './config';

const config = loadConfigOrExit('worker', configSchema);
const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });

void runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async (): Promise<Closable[]> => {
    const tls = temporalTls(config);

    const temporalMetrics = config.TEMPORAL_METRICS_PORT ? `127.0.0.1:${config.TEMPORAL_METRICS_PORT}` : undefined;
    const { worker, connection } = await createTemporalWorker({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      tls,
      logger,
      ...(temporalMetrics ? { metricsAddress: temporalMetrics } : {}),
      worker: {
        taskQueue: config.TASK_QUEUE,
        // Workflows only: their activities run in the services that own the data (see docs/architecture.md).
        workflowsPath: require.resolve('./workflows'),
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
    mountHealth(health, [temporalWorkerHealth(worker)], () => draining);
    // One scrape for Prometheus: the process's metrics and the SDK's worker metrics.
    const sdkMetrics = temporalMetrics ? async () => (await fetch(`http://${temporalMetrics}/metrics`)).text() : undefined;
    mountMetrics(health, createMetricsRegistry('worker'), sdkMetrics);
    const server = health.listen(config.HEALTH_PORT);
    // In this order: stop answering probes, then drain the worker (workflow tasks in hand finish).
    return [closeHttpServer(server, () => (draining = true)), closeTemporalWorker(worker, connection, running)];
  },
});
