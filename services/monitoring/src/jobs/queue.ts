import type { Closable, Logger } from '@sozialraum/kit';
import { queueTelemetry, type Redis, startQueueWorker, withQueueDeadline } from '@sozialraum/kit/redis';
import { type Job, Queue, type Worker } from 'bullmq';
import type { AnyQueuedJob, JobName, JobQueue, JobWork, QueuedJob, RunningJob } from '../domain/ports/job-queue';

/** One BullMQ queue carries the service's background work; jobs are told apart by name. */
export const QUEUE_NAME = 'monitoring';

/** The queue under the deployment's prefix (REDIS_PREFIX); requests wait for it at most `timeoutMs`. */
export function createBullQueue(connection: Redis, prefix: string, timeoutMs: number, logger: Logger): Queue {
  const make = () =>
    new Queue(QUEUE_NAME, {
      connection,
      prefix,
      ...queueTelemetry(),
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  return withQueueDeadline(make, timeoutMs, (error) => logger.warn({ err: error }, 'job queue: Redis error'));
}

/** The domain's job as BullMQ holds it (the names and data are the ones the port added). */
function queuedJob<N extends JobName>(job: Job): QueuedJob<N> {
  return {
    id: job.id ?? '',
    name: job.name as N,
    data: job.data as QueuedJob<N>['data'],
    attemptsMade: job.attemptsMade,
    result: job.returnvalue ?? null,
    failedReason: job.failedReason ?? null,
    state: () => job.getState(),
  };
}

function runningJob(job: Job): RunningJob {
  return {
    ...queuedJob(job),
    lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    updateProgress: (progress) => job.updateProgress(progress),
  };
}

/** The use cases' queue (domain/ports/job-queue) over the BullMQ queue. */
export function jobQueue(queue: Queue): JobQueue {
  return {
    add: async (name, data, options) => queuedJob(await queue.add(name, data, options)),
    getJob: async (id) => {
      const job = await queue.getJob(id);
      return job ? (queuedJob(job) as AnyQueuedJob) : undefined;
    },
    // BullMQ may answer a job removed meanwhile as undefined.
    getJobs: async (states) => ((await queue.getJobs(states)) as (Job | undefined)[]).flatMap((job) => (job ? [queuedJob(job) as AnyQueuedJob] : [])),
  };
}

/**
 * Runs the service's jobs in this process. One job at a time: imports and recomputations write large
 * parts of the schema, and running them in order keeps their results consistent.
 */
export function startJobWorker(connection: Redis, prefix: string, work: JobWork, logger: Logger): Worker {
  return startQueueWorker({ queue: QUEUE_NAME, connection, prefix, concurrency: 1, logger, label: 'job' }, async (job) => {
    const run = work[job.name as JobName] as ((job: RunningJob) => Promise<unknown>) | undefined;
    if (!run) throw new Error(`no processor for job "${job.name}"`);
    return run(runningJob(job));
  });
}

/** The worker finishes the job it is running (its transaction commits or rolls back), then stops. */
export function closeJobWorker(worker: Worker): Closable {
  return { name: 'job-worker', close: () => worker.close() };
}

/** Closed after the worker: requests and the worker no longer add jobs then. */
export function closeJobQueue(queue: Queue): Closable {
  return { name: 'jobs', close: () => queue.close() };
}
