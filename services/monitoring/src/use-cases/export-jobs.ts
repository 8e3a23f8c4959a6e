import { randomUUID } from 'node:crypto';
import { AppError, type Logger, PermanentFailure, type Principal, problems, StoredShapeError } from '@sozialraum/kit';
import type { JobQueue, RunningJob } from '../domain/ports/job-queue';
import {
  deleteExportJob,
  deleteOldExportJobs,
  type ExportJobRecord,
  findExportJob,
  finishExportJob,
  insertExportJob,
  markExportRunning,
  readExportFile,
} from '../data/export-jobs.repository';
import { countExportValues } from '../data/exports.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { type ExportQuery, exportValues, list } from './exports';
import { storedExportFormat, storedExportQuery } from './stored-requests';

/** The export job as the API shows it; the file itself comes from /v1/exports/{id}/file. */
export const exportJobView = (job: ExportJobRecord) => ({
  id: job.id,
  status: job.status,
  format: storedExportFormat(job.query, 'the stored selection'),
  size: job.size,
  error: job.error,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

/** The values a selection holds, counted before any is read: above `maxValues` it is not answered in the request. */
export async function assertDirectExport(db: Queryable, query: ExportQuery, maxValues: number): Promise<void> {
  const values = await countExportValues(db, { type: query.type, spaceCodes: list(query.spaces), indicatorKeys: list(query.indicators), periods: list(query.periods) });
  if (values <= maxValues) return;
  throw problems.unprocessable(
    `The selection holds ${values} values, more than the ${maxValues} exported within a request. Ask for it as a job (POST /v1/exports with the same selection) or narrow it.`,
    undefined,
    { values, limit: maxValues },
  );
}

/** Stores the request and queues the job; Redis not taking it undoes the request (503), so nothing waits in vain. */
export async function requestExportJob(db: Queryable, jobs: JobQueue, principal: Principal, query: ExportQuery): Promise<ExportJobRecord> {
  const job = await insertExportJob(db, { id: randomUUID(), query: { ...query }, principal, createdBy: principal.id });
  try {
    await jobs.add('export-values', { exportId: job.id }, { jobId: `export-${job.id}` });
  } catch (error) {
    await deleteExportJob(db, job.id);
    throw error;
  }
  return job;
}

/** Only the person who asked sees the job and its file (it holds what their roles allowed). */
export async function ownExportJob(db: Queryable, id: string, principal: Principal): Promise<ExportJobRecord> {
  const job = await findExportJob(db, id);
  if (!job || job.createdBy !== principal.id) throw problems.notFound(`There is no export ${id}.`);
  return job;
}

export async function exportFile(db: Queryable, id: string, principal: Principal): Promise<{ contentType: string; fileName: string; body: Buffer }> {
  const job = await ownExportJob(db, id, principal);
  const body = job.status === 'succeeded' ? await readExportFile(db, id) : undefined;
  if (!body) throw problems.conflict(`Export ${id} is ${job.status}; its file is there once it has succeeded.`, { exportStatus: job.status });
  return { contentType: job.contentType ?? 'application/octet-stream', fileName: job.fileName ?? 'export', body };
}

/** The 'export-values' job: the same export as in the request, for the principal who asked; old files are deleted. */
export function exportJobWork(db: Queryable, logger: Logger): (job: RunningJob<'export-values'>) => Promise<unknown> {
  return async (job) => {
    const id = job.data.exportId;
    const record = await findExportJob(db, id);
    // Never swallowed: the job fails with this reason and the worker logs it as an error.
    if (!record) throw new PermanentFailure(`export ${id} not found in this deployment's database (does another deployment share this Redis and REDIS_PREFIX?)`);
    await markExportRunning(db, id);
    try {
      const file = await exportValues(db, record.principal, storedExportQuery(record.query, 'the stored selection'));
      await finishExportJob(db, id, file);
    } catch (error) {
      const refusal = error instanceof AppError && error.status < 500 ? (error.detail ?? error.title) : error instanceof StoredShapeError ? error.message : undefined;
      if (refusal === undefined) throw error; // the queue retries
      await finishExportJob(db, id, { error: refusal });
      throw new PermanentFailure(refusal);
    }
    const deleted = await deleteOldExportJobs(db);
    logger.info({ exportId: id, deleted }, 'export finished');
    return { exportId: id };
  };
}
