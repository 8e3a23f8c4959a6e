import { randomUUID } from 'node:crypto';
import type { Logger } from '@sozialraum/kit';
import type { JobPayloads, JobQueue, QueuedJob } from '../domain/ports/job-queue';
import { listActiveMethods, methodsWithRawRunsOnly } from '../data/methods.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { queueProfileSnapshot } from './profile-snapshot';

type RecomputeJobData = JobPayloads['recompute'];

/**
 * Queues the recomputation of one method version, or of every active one (after an import). A
 * recomputation still waiting for the same method already covers the new data, so none is added then;
 * one that is running may have read the old data, so a new one is queued behind it.
 */
export async function queueRecomputation(jobs: JobQueue, db: Queryable, method?: RecomputeJobData): Promise<QueuedJob<'recompute'>[]> {
  // Every change of the data queues its recomputation: the profiles' snapshot is remade with it.
  if (!method) await queueProfileSnapshot(jobs);
  const methods = method ? [method] : (await listActiveMethods(db)).map(({ key, version }) => ({ key, version }));
  const waiting = await jobs.getJobs(['waiting', 'delayed', 'prioritized']);
  return Promise.all(
    methods.map((m) => {
      const queued = waiting.find((job): job is QueuedJob<'recompute'> => job.name === 'recompute' && job.data.key === m.key && job.data.version === m.version);
      return queued ?? jobs.add('recompute', m, { jobId: `recompute-${m.key}@${m.version}-${randomUUID()}`, removeOnComplete: true, removeOnFail: true });
    }),
  );
}

/**
 * At start-up: methods whose results predate the disclosed runs (migration disclosed-runs) are recomputed, so
 * callers without raw-data get index results again without anyone having to ask. Never fails the start.
 */
export async function queueMissingDisclosedRuns(jobs: JobQueue, db: Queryable, logger: Logger): Promise<void> {
  try {
    for (const method of await methodsWithRawRunsOnly(db)) await queueRecomputation(jobs, db, method);
  } catch (error) {
    logger.warn({ err: error }, 'could not queue the recomputations that disclosed index results need');
  }
}
