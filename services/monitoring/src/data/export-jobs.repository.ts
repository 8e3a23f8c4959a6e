import type { Principal } from '@sozialraum/kit';
import type { Queryable } from '@sozialraum/kit/db';

export type ExportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ExportJobRecord {
  id: string;
  status: ExportJobStatus;
  query: Record<string, string>;
  principal: Principal;
  createdBy: string;
  contentType: string | null;
  fileName: string | null;
  size: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const columns = `id, status, query, principal, created_by AS "createdBy", content_type AS "contentType", file_name AS "fileName",
  octet_length(file) AS size, error, created_at AS "createdAt", finished_at AS "finishedAt"`;

export async function insertExportJob(db: Queryable, job: { id: string; query: Record<string, string>; principal: Principal; createdBy: string }): Promise<ExportJobRecord> {
  const { rows } = await db.query<ExportJobRecord>(
    `INSERT INTO export_job (id, status, query, principal, created_by) VALUES ($1, 'queued', $2, $3, $4) RETURNING ${columns}`,
    [job.id, JSON.stringify(job.query), JSON.stringify(job.principal), job.createdBy],
  );
  return rows[0] as ExportJobRecord;
}

export async function findExportJob(db: Queryable, id: string): Promise<ExportJobRecord | undefined> {
  const { rows } = await db.query<ExportJobRecord>(`SELECT ${columns} FROM export_job WHERE id = $1`, [id]);
  return rows[0];
}

export async function deleteExportJob(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM export_job WHERE id = $1', [id]);
}

export async function markExportRunning(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE export_job SET status = 'running' WHERE id = $1`, [id]);
}

export async function finishExportJob(
  db: Queryable,
  id: string,
  outcome: { contentType: string; fileName: string; body: string } | { error: string },
): Promise<void> {
  if ('error' in outcome) {
    await db.query(`UPDATE export_job SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, outcome.error]);
    return;
  }
  await db.query(
    `UPDATE export_job SET status = 'succeeded', content_type = $2, file_name = $3, file = $4, finished_at = now() WHERE id = $1`,
    [id, outcome.contentType, outcome.fileName, Buffer.from(outcome.body, 'utf8')],
  );
}

export async function readExportFile(db: Queryable, id: string): Promise<Buffer | undefined> {
  const { rows } = await db.query<{ file: Buffer | null }>('SELECT file FROM export_job WHERE id = $1', [id]);
  return rows[0]?.file ?? undefined;
}

/** Files are kept a day: whoever asked has fetched theirs by then. */
export async function deleteOldExportJobs(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM export_job WHERE created_at < now() - interval '1 day'`);
  return rowCount ?? 0;
}
