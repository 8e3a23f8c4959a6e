import type { CellNoteRow } from '../domain/imports';
import type { Queryable } from '@sozialraum/kit/db';

export type ImportKind = 'values' | 'spaces';
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'rejected' | 'failed';

export interface RejectedEntry {
  line: number | null;
  column: string | null;
  reason: string;
}

/** A cell read as a statistical symbol or a marked value, with what it means (see domain/imports/numbers). */
export type NoteEntry = CellNoteRow;

export interface ImportRecord {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  idempotencyKey: string | null;
  /** What the Idempotency-Key is bound to (requestFingerprint of the request). */
  requestHash: string | null;
  fileName: string;
  format: string;
  /** The request without the file: mapping, release, options. */
  request: Record<string, unknown>;
  rowsTotal: number | null;
  rowsDone: number;
  rowsImported: number;
  rowsRejected: number;
  report: { rejected: RejectedEntry[]; notes?: NoteEntry[]; notesTotal?: number } | null;
  error: string | null;
  attempts: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const columns = `id, kind, status, idempotency_key AS "idempotencyKey", request_hash AS "requestHash", file_name AS "fileName", format, request,
  rows_total AS "rowsTotal", rows_done AS "rowsDone", rows_imported AS "rowsImported", rows_rejected AS "rowsRejected",
  report, error, attempts, created_by AS "createdBy", created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt"`;

/** Inserts the import without its file (writeImportFile adds it, in the same transaction); undefined when the key was used. */
export async function insertImport(
  db: Queryable,
  record: Pick<ImportRecord, 'id' | 'kind' | 'idempotencyKey' | 'requestHash' | 'fileName' | 'format' | 'request' | 'createdBy'> & { fileSize: number },
): Promise<ImportRecord | undefined> {
  const { rows } = await db.query<ImportRecord>(
    `INSERT INTO import (id, kind, status, idempotency_key, request_hash, file_name, format, request, file_size, created_by)
     VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING ${columns}`,
    [record.id, record.kind, record.idempotencyKey, record.requestHash, record.fileName, record.format, JSON.stringify(record.request), record.fileSize, record.createdBy],
  );
  return rows[0];
}

/** Bytes per stored part of an uploaded file. */
const PART_BYTES = 1024 * 1024;

/** Stores an import's file in parts as its chunks arrive: never more than one part in memory. */
export async function writeImportFile(db: Queryable, id: string, chunks: AsyncIterable<Buffer>): Promise<void> {
  let part = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    await db.query('INSERT INTO import_file_part (import_id, part, bytes) VALUES ($1, $2, $3)', [id, part++, Buffer.concat(pending)]);
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= PART_BYTES) await flush();
  }
  if (pendingBytes > 0) await flush();
}

/** An import's stored file, part by part (imports stored before the parts came have it in one piece). */
export async function* readImportFile(db: Queryable, id: string): AsyncGenerator<Buffer> {
  const { rows } = await db.query<{ whole: boolean }>('SELECT file IS NOT NULL AS whole FROM import WHERE id = $1', [id]);
  if (!rows[0]) throw new Error(`import ${id} not found`);
  if (rows[0].whole) {
    const { rows: files } = await db.query<{ file: Buffer }>('SELECT file FROM import WHERE id = $1', [id]);
    yield files[0]!.file;
    return;
  }
  for (let part = 0; ; part++) {
    const { rows: parts } = await db.query<{ bytes: Buffer }>('SELECT bytes FROM import_file_part WHERE import_id = $1 AND part = $2', [id, part]);
    if (!parts[0]) return;
    yield parts[0].bytes;
  }
}

/** The stored file's size in bytes (what its progress is estimated from). */
export async function importFileSize(db: Queryable, id: string): Promise<number> {
  const { rows } = await db.query<{ size: string | null }>('SELECT COALESCE(file_size, octet_length(file)) AS size FROM import WHERE id = $1', [id]);
  return Number(rows[0]?.size ?? 0);
}

export async function findImport(db: Queryable, id: string): Promise<ImportRecord | undefined> {
  const { rows } = await db.query<ImportRecord>(`SELECT ${columns} FROM import WHERE id = $1`, [id]);
  return rows[0];
}

/** The import this person started with this key, if any: keys are per user. */
export async function findImportByIdempotencyKey(db: Queryable, createdBy: string, key: string): Promise<ImportRecord | undefined> {
  const { rows } = await db.query<ImportRecord>(`SELECT ${columns} FROM import WHERE created_by = $1 AND idempotency_key = $2`, [createdBy, key]);
  return rows[0];
}

export async function listImports(db: Queryable, filter: { status?: ImportStatus; limit: number }): Promise<ImportRecord[]> {
  const { rows } = await db.query<ImportRecord>(
    `SELECT ${columns} FROM import WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT $2`,
    [filter.status ?? null, filter.limit],
  );
  return rows;
}

export async function markImportRunning(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE import SET status = 'running', attempts = attempts + 1, started_at = now(), error = NULL,
            rows_done = 0, rows_total = NULL WHERE id = $1`,
    [id],
  );
}

export async function reportImportProgress(db: Queryable, id: string, done: number, total: number | null): Promise<void> {
  await db.query('UPDATE import SET rows_done = $2, rows_total = $3 WHERE id = $1', [id, done, total]);
}

export async function finishImport(
  db: Queryable,
  id: string,
  result: {
    status: 'succeeded' | 'rejected' | 'failed' | 'queued';
    imported?: number;
    rejected?: RejectedEntry[];
    rejectedTotal?: number;
    notes?: NoteEntry[];
    notesTotal?: number;
    total?: number | null;
    error?: string;
  },
): Promise<void> {
  await db.query(
    `UPDATE import SET status = $2, rows_imported = $3, rows_rejected = $4, report = $5, error = $6,
            rows_total = COALESCE($7, rows_total), rows_done = COALESCE($7, rows_done),
            finished_at = CASE WHEN $2 = 'queued' THEN NULL ELSE now() END
      WHERE id = $1`,
    [
      id,
      result.status,
      result.imported ?? 0,
      result.rejectedTotal ?? result.rejected?.length ?? 0,
      result.rejected ? JSON.stringify({ rejected: result.rejected, ...(result.notes ? { notes: result.notes, notesTotal: result.notesTotal } : {}) }) : null,
      result.error ?? null,
      result.total ?? null,
    ],
  );
}

/** A failed import queued again: a new job ID for the new attempt, to be handed off again. */
export async function requeueImport(db: Queryable, id: string): Promise<ImportRecord | undefined> {
  const { rows } = await db.query<ImportRecord>(
    `UPDATE import SET status = 'queued', error = NULL, finished_at = NULL, job_id = id || '-restart-' || attempts, handed_off_at = NULL
      WHERE id = $1 AND status = 'failed' RETURNING ${columns}`,
    [id],
  );
  return rows[0];
}

/** What the queue needs to run an import's current attempt. */
export interface ImportHandOff {
  id: string;
  kind: ImportKind;
  jobId: string;
  handedOff: boolean;
}

const handOffColumns = `id, kind, COALESCE(job_id, id::text) AS "jobId", handed_off_at IS NOT NULL AS "handedOff"`;

export async function findImportHandOff(db: Queryable, id: string): Promise<ImportHandOff | undefined> {
  const { rows } = await db.query<ImportHandOff>(`SELECT ${handOffColumns} FROM import WHERE id = $1`, [id]);
  return rows[0];
}

/** Imports waiting for their job, oldest first: those never handed off, and those whose job may have been lost. */
export async function queuedImports(db: Queryable, limit = 100): Promise<ImportHandOff[]> {
  const { rows } = await db.query<ImportHandOff>(`SELECT ${handOffColumns} FROM import WHERE status = 'queued' ORDER BY created_at LIMIT $1`, [limit]);
  return rows;
}

export async function markHandedOff(db: Queryable, id: string, jobId: string): Promise<void> {
  await db.query(`UPDATE import SET handed_off_at = now() WHERE id = $1 AND COALESCE(job_id, id::text) = $2 AND handed_off_at IS NULL`, [id, jobId]);
}
