import type { Closable, Logger } from '@sozialraum/kit';
import type { JobQueue } from '../domain/ports/job-queue';
import { findImportHandOff, type ImportHandOff, markHandedOff, queuedImports } from '../data/imports.repository';
import type { Queryable } from '@sozialraum/kit/db';

/**
 * Puts the import's job in the queue and records that it is there. The job ID is fixed per attempt, so a
 * second hand-off of the same attempt (the sweep, a retry) is a no-op in BullMQ. False when Redis did not
 * take it (away or past its deadline): the import stays stored and `queued`, and the sweep hands it off.
 */
export async function handOffImport(db: Queryable, jobs: JobQueue, id: string): Promise<boolean> {
  const handOff = await findImportHandOff(db, id);
  if (!handOff) return false;
  try {
    await add(jobs, handOff);
  } catch {
    return false;
  }
  await markHandedOff(db, handOff.id, handOff.jobId);
  return true;
}

const add = (jobs: JobQueue, handOff: ImportHandOff) => jobs.add(`import-${handOff.kind}`, { importId: handOff.id }, { jobId: handOff.jobId });

/**
 * One pass of the sweep: imports accepted while Redis was away are handed off now, and a queued import whose
 * job Redis no longer has (Redis lost its data) gets it again. Returns how many were (re)queued.
 */
export async function sweepImportHandOffs(db: Queryable, jobs: JobQueue, logger: Logger): Promise<number> {
  let queued = 0;
  for (const handOff of await queuedImports(db)) {
    if (handOff.handedOff && (await jobs.getJob(handOff.jobId))) continue;
    await add(jobs, handOff);
    await markHandedOff(db, handOff.id, handOff.jobId);
    logger.warn({ importId: handOff.id, jobId: handOff.jobId, lost: handOff.handedOff }, handOff.handedOff ? 'import job was lost in Redis; queued again' : 'import handed off late (Redis was away when it was accepted)');
    queued++;
  }
  return queued;
}

/** Runs the sweep every `everyMs` in a process that runs the jobs; a pass that fails (Redis still away) waits for the next. */
export function startImportSweep(db: Queryable, jobs: JobQueue, logger: Logger, everyMs: number): Closable {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepImportHandOffs(db, jobs, logger).catch((error: unknown) => logger.warn({ err: error }, 'import sweep failed; trying again later'));
  }, everyMs);
  timer.unref();
  return {
    name: 'import-sweep',
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
