/**
 * The service's background jobs as its use cases see them: a queue that takes named jobs and tells their
 * state. Which queue runs them (BullMQ on Redis, jobs/queue.ts) is no business of the use cases.
 */

/** Every job the service runs, by name, with the data it carries. The names are stored with queued jobs: never rename one. */
export interface JobPayloads {
  'import-spaces': { importId: string };
  'import-values': { importId: string };
  recompute: { key: string; version: string };
  'evaluate-alerts': Record<string, never>;
  'export-values': { exportId: string };
  'profile-snapshot': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export type JobState = 'waiting' | 'delayed' | 'prioritized' | 'waiting-children' | 'active' | 'completed' | 'failed';

export interface JobOptions {
  /** A job with the ID of one the queue holds already is not added again: what makes a repeated add a no-op. */
  jobId?: string;
  /** true: forgotten once done; a number: only that many of them are kept. Default: the queue's. */
  removeOnComplete?: boolean | number;
  removeOnFail?: boolean | number;
}

/** A job in the queue. */
export interface QueuedJob<N extends JobName = JobName> {
  readonly id: string;
  readonly name: N;
  readonly data: JobPayloads[N];
  /** Attempts made so far (the one running not counted). */
  readonly attemptsMade: number;
  /** What the job's work returned, once it has completed. */
  readonly result: unknown;
  readonly failedReason: string | null;
  /** 'unknown': the queue no longer holds it. */
  state(): Promise<JobState | 'unknown'>;
}

/** Any job, told apart by its name: `job.name === 'recompute'` gives `job.data` its type. */
export type AnyQueuedJob = { [N in JobName]: QueuedJob<N> }[JobName];

/** The job as its work sees it while it runs. */
export interface RunningJob<N extends JobName = JobName> extends QueuedJob<N> {
  /** No attempt follows this one if it fails. */
  readonly lastAttempt: boolean;
  updateProgress(progress: object): Promise<void>;
}

export interface JobQueue {
  add<N extends JobName>(name: N, data: JobPayloads[N], options?: JobOptions): Promise<QueuedJob<N>>;
  getJob(id: string): Promise<AnyQueuedJob | undefined>;
  getJobs(states: JobState[]): Promise<AnyQueuedJob[]>;
}

/** The work of each job, by name. A job fails for good (no retry) when its work throws the kit's PermanentFailure. */
export type JobWork = { [N in JobName]?: (job: RunningJob<N>) => Promise<unknown> };
