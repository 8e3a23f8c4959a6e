import { randomUUID } from 'node:crypto';
import { AppError, idempotencyKeyReused, type Logger, PermanentFailure, type Principal, problems, requestFingerprint, StoredShapeError } from '@sozialraum/kit';
import type { JobQueue, RunningJob } from '../domain/ports/job-queue';
import {
  findImport,
  findImportByIdempotencyKey,
  finishImport,
  type ImportKind,
  type ImportRecord,
  type ImportStatus,
  insertImport,
  listImports,
  markImportRunning,
  importFileSize,
  readImportFile,
  type NoteEntry,
  type RejectedEntry,
  reportImportProgress,
  requeueImport,
  writeImportFile,
} from '../data/imports.repository';
import { type Pool, type Queryable, withTransaction } from '@sozialraum/kit/db';
import { GeodataError } from '../domain/geodata';
import { handOffImport } from './import-hand-off';
import { type IncomingFile, type StoredFile, storedFile } from './import-file';
import { ImportFileError, MappingError } from '../domain/imports';
import { storedValueRequest } from './stored-requests';

export interface ImportSubmission {
  kind: ImportKind;
  fileName: string;
  format: string;
  /** the uploaded file, read in chunks */
  file: IncomingFile;
  /** everything else of the request (mapping, release, options) */
  request: Record<string, unknown>;
  idempotencyKey?: string;
  principal: Principal;
}

/**
 * Stores the upload and hands its job to the queue. Redis being away does not refuse the upload: it stays
 * `queued` and the sweep hands it off once Redis answers (use-cases/import-hand-off). With an Idempotency-Key,
 * a retry (or a double click) gets the import it already started instead of a second one; the key is the
 * sender's and bound to the request.
 */
export async function submitImport(db: Pool, jobs: JobQueue, submission: ImportSubmission): Promise<ImportRecord> {
  const { file } = submission;
  if (file.size === 0) throw problems.badRequest('The uploaded file is empty (in JSON, content must be the base64-encoded file).');
  const createdBy = submission.principal.username ?? submission.principal.id;
  const requestHash = requestFingerprint(submission.kind, submission.fileName, submission.format, submission.request, Buffer.from(file.sha256, 'hex'));
  // The row and its file in one transaction: the sweep never sees a queued import whose file is still coming.
  const record = await withTransaction(db, async (client) => {
    const inserted = await insertImport(client, {
      id: randomUUID(),
      kind: submission.kind,
      idempotencyKey: submission.idempotencyKey ?? null,
      requestHash,
      fileName: submission.fileName,
      format: submission.format,
      request: submission.request,
      createdBy,
      fileSize: file.size,
    });
    if (inserted) await writeImportFile(client, inserted.id, file.chunks());
    return inserted;
  });
  if (!record) {
    // Only a key given before gets here: this person's earlier import with it, if it was the same request.
    const earlier = await findImportByIdempotencyKey(db, createdBy, submission.idempotencyKey ?? '');
    if (!earlier || earlier.requestHash !== requestHash) throw idempotencyKeyReused();
    return earlier;
  }
  await handOffImport(db, jobs, record.id);
  return record;
}

export function findImports(db: Queryable, filter: { status?: ImportStatus; limit?: number }): Promise<ImportRecord[]> {
  return listImports(db, { status: filter.status, limit: Number(filter.limit ?? 50) });
}

export async function getImport(db: Queryable, id: string): Promise<ImportRecord> {
  const record = await findImport(db, id);
  if (!record) throw problems.notFound(`There is no import ${id}.`);
  return record;
}

export async function restartImport(db: Queryable, jobs: JobQueue, id: string): Promise<ImportRecord> {
  const existing = await findImport(db, id);
  if (!existing) throw problems.notFound(`There is no import ${id}.`);
  const record = await requeueImport(db, id);
  if (!record) throw problems.conflict(`Only a failed import can be restarted; this one is ${existing.status}.`);
  await handOffImport(db, jobs, id);
  return record;
}

export interface ImportOutcome {
  /** 'rejected': nothing was written because rows were rejected and the planner did not accept the rest. */
  status: 'succeeded' | 'rejected';
  total: number;
  imported: number;
  /** The first rejected rows (all, unless a report caps them: see rejectedTotal). */
  rejected: RejectedEntry[];
  /** How many rows were rejected, when the report keeps only the first of them. */
  rejectedTotal?: number;
  /** Value imports: cells read as statistical symbols or marked values, with their reasons. */
  notes?: NoteEntry[];
  notesTotal?: number;
}

export type ImportWork = (context: {
  record: ImportRecord;
  file: StoredFile;
  /** Records progress (rows done of total); cheap to call often. */
  progress: (done: number, total: number | null) => Promise<void>;
}) => Promise<ImportOutcome>;

/** Errors that say the file or the request is wrong: retrying cannot help, the planner must act. */
const isInputError = (error: unknown) =>
  error instanceof MappingError || error instanceof ImportFileError || error instanceof GeodataError || error instanceof StoredShapeError || (error instanceof AppError && error.status < 500);

/**
 * The frame of every import job: status, attempts, progress and the final report. The work itself must
 * write all its data in one transaction, so a crash or a retry never leaves part of an import behind.
 */
export async function runImportJob(db: Queryable, job: RunningJob<'import-spaces' | 'import-values'>, logger: Logger, work: ImportWork): Promise<ImportOutcome | undefined> {
  const id = job.data.importId;
  const record = await findImport(db, id);
  // Never swallowed: the job fails with this reason and the worker logs it as an error.
  if (!record) throw new PermanentFailure(`import ${id} not found in this deployment's database (does another deployment share this Redis and REDIS_PREFIX?)`);
  if (record.status === 'succeeded' || record.status === 'rejected') return undefined; // delivered twice: already done
  await markImportRunning(db, id);
  let lastReport = 0;
  const progress = async (done: number, total: number | null) => {
    if (done !== total && Date.now() - lastReport < 250) return;
    lastReport = Date.now();
    await reportImportProgress(db, id, done, total);
    await job.updateProgress({ done, total });
  };
  try {
    const file = storedFile(await importFileSize(db, id), () => readImportFile(db, id));
    const outcome = await work({ record, file, progress });
    await finishImport(db, id, { ...outcome, status: outcome.status });
    logger.info({ importId: id, status: outcome.status, imported: outcome.imported, rejected: outcome.rejectedTotal ?? outcome.rejected.length }, 'import finished');
    return outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isInputError(error)) {
      const rejected = error instanceof GeodataError
        ? error.problems.map((p) => ({ line: p.featureIndex === null ? null : p.featureIndex + 1, column: null, reason: p.reason }))
        : [];
      await finishImport(db, id, { status: 'failed', error: message, rejected });
      throw new PermanentFailure(message);
    }
    await finishImport(db, id, { status: job.lastAttempt ? 'failed' : 'queued', error: message });
    throw error;
  }
}

/** An XLSX is a ZIP; anything else is read as CSV. */
export async function formatOf(file: IncomingFile): Promise<'csv' | 'xlsx'> {
  return (await file.head(4)).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
}

/** The name the browser gave the file, within what an import stores. */
export function uploadName(name: string): string {
  const trimmed = name.trim().slice(0, 300);
  if (trimmed === '') throw problems.badRequest('The uploaded file has no name.');
  return trimmed;
}

/** The release a value import writes; none when its stored request does not fit (its job fails saying why). */
function releaseKey(record: ImportRecord): string | null {
  if (record.kind !== 'values') return null;
  try {
    return storedValueRequest(record.request, 'the stored request').release.key;
  } catch (error) {
    if (error instanceof StoredShapeError) return null;
    throw error;
  }
}

/** The import as the API shows it. */
export function importView(record: ImportRecord) {
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    fileName: record.fileName,
    format: record.format,
    release: releaseKey(record),
    progress: { done: record.rowsDone, total: record.rowsTotal },
    imported: record.rowsImported,
    rejected: record.rowsRejected,
    report: record.report,
    error: record.error,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}
