import { createLogger, loadConfigOrExit, mountHealth, runProcess, type Closable } from '@sozialraum/kit';
import { closeTemporalWorker, createTemporalWorker, temporalWorkerHealth } from '@sozialraum/kit/temporal';
import express from 'express';
import { closeHttpServer } from '@sozialraum/kit';
import { createActivities } from './activities';
import { configSchema } from './config';

const config = loadConfigOrExit('worker', configSchema);
const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });

void runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async (): Promise<Closable[]> => {
    const { worker, connection } = await createTemporalWorker({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      logger,
      worker: {
        taskQueue: config.TASK_QUEUE,
        workflowsPath: require.resolve('./workflows'),
        activities: createActivities({}),
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
    const server = health.listen(config.HEALTH_PORT);
    return [
      closeHttpServer(server, () => (draining = true)),
      closeTemporalWorker(worker, connection, running),
    ];
  },
});
