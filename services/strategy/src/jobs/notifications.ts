import { DELIVER_JOB, type DeliverJobData, deliverJobId, NOTIFICATIONS_QUEUE } from '@sozialraum/contracts';
import type { Closable, Logger } from '@sozialraum/kit';
import { queueTelemetry, type Redis, startQueueWorker, withQueueDeadline } from '@sozialraum/kit/redis';
import { Queue, type Worker } from 'bullmq';
import { undelivered } from '../data/notifications.repository';
import { type DeliveryDeps, deliverNotification } from '../use-cases/deliver';

export type Notify = (notificationIds: string[]) => Promise<void>;

/** The delivery queue under the deployment's prefix (REDIS_PREFIX); a request waits for it at most `timeoutMs`. */
export function createNotificationQueue(connection: Redis, prefix: string, timeoutMs: number, logger: Logger): Queue {
  const make = () =>
    new Queue(NOTIFICATIONS_QUEUE, {
      connection,
      prefix,
      ...queueTelemetry(),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  return withQueueDeadline(make, timeoutMs, (error) => logger.warn({ err: error }, 'job queue: Redis error'));
}

/**
 * Queues delivery, one job per notification (its job ID makes a repeated enqueue a no-op). Failing to queue is logged, not thrown: the notification row is the outbox, and the
 * relay job queues whatever is still undelivered.
 */
export function notifier(queue: Queue, logger: Logger): Notify {
  return async (ids) => {
    if (ids.length === 0) return;
    await queue
      .addBulk(ids.map((notificationId) => ({ name: DELIVER_JOB, data: { notificationId }, opts: { jobId: deliverJobId(notificationId) } })))
      .catch((error: unknown) => logger.warn({ err: error, count: ids.length }, 'could not queue notifications; the relay will'));
  };
}

/**
 * Runs delivery in this process: `deliver` {notificationId}, and the repeating `relay`, which queues
 * notifications written by the workflow's activities (or left behind by a failed enqueue).
 */
export function startNotificationWorker(options: DeliveryDeps & {
  connection: Redis;
  prefix: string;
  queue: Queue;
  relayEveryMs: number;
  logger: Logger;
}): Worker {
  const notify = notifier(options.queue, options.logger);
  // A delivery that cannot succeed (PermanentFailure) is not retried.
  const worker = startQueueWorker(
    { queue: NOTIFICATIONS_QUEUE, connection: options.connection, prefix: options.prefix, concurrency: 5, logger: options.logger, label: 'notification job' },
    async (job) => {
      if (job.name === DELIVER_JOB) return deliverNotification(options, (job.data as DeliverJobData).notificationId);
      if (job.name === 'relay') return notify(await undelivered(options.pool, 500));
      throw new Error(`no processor for job "${job.name}"`);
    },
  );
  // One schedule across all replicas: upserting it again only updates its interval. Not awaited, so the
  // service starts while Redis is away; tried again until Redis takes it.
  const schedule = () =>
    void options.queue
      .upsertJobScheduler('notification-relay', { every: options.relayEveryMs }, { name: 'relay', opts: { attempts: 1 } })
      .catch((error: unknown) => {
        options.logger.warn({ err: error }, 'could not schedule the notification relay yet; trying again');
        if (!worker.closing) setTimeout(schedule, 5_000).unref();
      });
  schedule();
  return worker;
}

/** Stops taking delivery jobs; running ones finish. */
export function closeNotificationWorker(worker: Worker): Closable {
  return { name: 'notification-worker', close: () => worker.close() };
}

export function closeQueue(queue: Queue): Closable {
  return { name: 'notifications', close: () => queue.close() };
}
