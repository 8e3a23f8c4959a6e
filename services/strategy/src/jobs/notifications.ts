import { PermanentFailure } from '@sozialraum/kit';
import { DELIVER_JOB, type DeliverJobData, deliverJobId, NOTIFICATIONS_QUEUE } from '@sozialraum/contracts';
import type { Closable, Logger } from '@sozialraum/kit';
import { queueTelemetry, type Redis, withQueueDeadline } from '@sozialraum/kit/redis';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { undelivered } from '../data/notifications.repository';
import { type DeliveryDeps, deliverNotification } from '../use-cases/deliver';

/** The use cases' permanent failures end the job at once, without BullMQ's retries. */
async function permanentAsUnrecoverable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof PermanentFailure ? new UnrecoverableError(error.message) : error;
  }
}

export type Notify = (notificationIds: string[]) => Promise<void>;

/** The delivery queue under the deployment's prefix (REDIS_PREFIX); a request waits for it at most `timeoutMs`. */
export function createNotificationQueue(connection: Redis, prefix: string, timeoutMs: number): Queue {
  const queue = new Queue(NOTIFICATIONS_QUEUE, {
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
  return withQueueDeadline(queue, timeoutMs);
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
  const worker = new Worker(
    NOTIFICATIONS_QUEUE,
    async (job) => {
      if (job.name === DELIVER_JOB) return permanentAsUnrecoverable(() => deliverNotification(options, (job.data as DeliverJobData).notificationId));
      if (job.name === 'relay') return notify(await undelivered(options.pool, 500));
      throw new Error(`no processor for job "${job.name}"`);
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 5, ...queueTelemetry() },
  );
  worker.on('failed', (job, error) => options.logger.error({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade }, 'notification job failed'));
  worker.on('error', (error) => options.logger.error({ err: error }, 'notification worker error'));
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
