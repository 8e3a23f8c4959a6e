import { PermanentFailure } from '@sozialraum/kit';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from '@sozialraum/kit';
import type { Closable } from '@sozialraum/kit';
import { queueTelemetry, type Redis, withQueueDeadline } from '@sozialraum/kit/redis';

/** One BullMQ queue carries the service's background work; jobs are told apart by name. */
export const QUEUE_NAME = 'monitoring';

export type JobName = 'import-spaces' | 'import-values' | 'recompute' | 'evaluate-alerts' | 'export-values' | 'profile-snapshot';
export type JobProcessor = (job: Job) => Promise<unknown>;
export type JobProcessors = Partial<Record<JobName, JobProcessor>>;

/** The queue under the deployment's prefix (REDIS_PREFIX); requests wait for it at most `timeoutMs`. */
export function createJobQueue(connection: Redis, prefix: string, timeoutMs: number): Queue {
  const queue = new Queue(QUEUE_NAME, {
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
  return withQueueDeadline(queue, timeoutMs);
}

/**
 * Runs the service's jobs in this process. One job at a time: imports and recomputations write large
 * parts of the schema, and running them in order keeps their results consistent.
 */
export function startJobWorker(connection: Redis, prefix: string, processors: JobProcessors, logger: Logger): Worker {
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const processor = processors[job.name as JobName];
      if (!processor) throw new Error(`no processor for job "${job.name}"`);
      // The use cases' permanent failures end the job at once, without BullMQ's retries.
      return processor(job).catch((error: unknown) => {
        throw error instanceof PermanentFailure ? new UnrecoverableError(error.message) : error;
      });
    },
    { connection, prefix, concurrency: 1, ...queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, failedReason: job?.failedReason }, 'job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'job worker error'));
  return worker;
}

export function closeJobs(queue: Queue, worker: Worker | undefined): Closable {
  return {
    name: 'jobs',
    // The worker finishes the job it is running (its transaction commits or rolls back), then stops.
    close: async () => {
      await worker?.close();
      await queue.close();
    },
  };
}
