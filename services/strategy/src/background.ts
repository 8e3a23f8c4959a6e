import type { Background } from '@sozialraum/kit';
import { closeRedis, createRedisConnection } from '@sozialraum/kit/redis';
import type { StrategyDependencies } from './dependencies';
import { closeNotificationWorker, startNotificationWorker } from './jobs/notifications';

/** What the strategy service runs beside its API: notification delivery (BullMQ, with the relay). */
export function background(deps: StrategyDependencies): Background {
  const { config, logger } = deps;
  const resources: Background['resources'] = [];
  if (config.RUN_JOBS) {
    const consumer = createRedisConnection(config.REDIS_URL, 'worker');
    const worker = startNotificationWorker({
      connection: consumer, prefix: config.REDIS_PREFIX, queue: deps.notificationQueue, pool: deps.pool, mail: deps.mail, directory: deps.directory,
      appUrl: config.APP_URL, relayEveryMs: config.NOTIFICATION_RELAY_MS, logger,
    });
    resources.push(closeNotificationWorker(worker), closeRedis(consumer));
  }
  return { health: [], resources };
}
