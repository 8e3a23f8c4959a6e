import { activityQueue } from '@sozialraum/contracts';
import type { Background } from '@sozialraum/kit';
import { closePool, createPool } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection } from '@sozialraum/kit/redis';
import { startServiceActivityWorker } from '@sozialraum/kit/temporal';
import { createStrategyActivities } from './activities';
import type { StrategyDependencies } from './dependencies';
import { closeNotificationWorker, startNotificationWorker } from './jobs/notifications';

/**
 * What the strategy service runs beside its API: the Temporal worker for the cycle's activities that touch
 * the strategy schema (queue `<cycle queue>.strategy`), and notification delivery (BullMQ, with the relay).
 */
export async function background(deps: StrategyDependencies): Promise<Background> {
  const { config, logger } = deps;
  const background: Background = { health: [], resources: [] };
  if (config.RUN_ACTIVITIES) {
    // A pool of its own: requests (an inbox polled hard) must not make the cycle's activities wait for a connection.
    const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'strategy', applicationName: 'strategy-activities' });
    const activities = createStrategyActivities({ pool, temporal: deps.temporal, notify: deps.notify, logger });
    const worker = await startServiceActivityWorker(config, { logger, taskQueue: activityQueue(config.CYCLE_TASK_QUEUE, 'strategy'), activities, registry: deps.metrics });
    background.health.push(worker.health);
    background.resources.push(worker.closable, closePool(pool));
  }
  if (config.RUN_JOBS) {
    const consumer = createRedisConnection(config.REDIS_URL, 'worker');
    const worker = startNotificationWorker({
      connection: consumer, prefix: config.REDIS_PREFIX, queue: deps.notificationQueue, pool: deps.pool, mail: deps.mail, directory: deps.directory,
      appUrl: config.APP_URL, relayEveryMs: config.NOTIFICATION_RELAY_MS, logger,
    });
    background.resources.push(closeNotificationWorker(worker), closeRedis(consumer));
  }
  return background;
}
