import type { components } from '../generated/api';
import { isoDate } from './db';
import type { Queryable } from '@sozialraum/kit/db';
import type { IdempotencyKey } from './measures.repository';

export type StatusReportRecord = components['schemas']['StatusReport'];

const columns = `id, measure_id AS "measureId", ${isoDate('report_date')} AS date, text, progress,
  traffic_light AS "trafficLight", created_by AS "createdBy", created_at AS "createdAt"`;

export async function listReports(db: Queryable, measureId: string): Promise<StatusReportRecord[]> {
  const { rows } = await db.query<StatusReportRecord>(
    `SELECT ${columns} FROM status_report WHERE measure_id = $1 ORDER BY report_date DESC, created_at DESC`,
    [measureId],
  );
  return rows;
}

export async function insertReport(
  db: Queryable,
  measureId: string,
  report: { date: string; text: string; progress: number; trafficLight: string; createdBy: string; idempotency?: IdempotencyKey },
): Promise<StatusReportRecord> {
  const { rows } = await db.query<StatusReportRecord>(
    `INSERT INTO status_report (measure_id, report_date, text, progress, traffic_light, created_by, idempotency_key, idempotency_owner, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${columns}`,
    [
      measureId, report.date, report.text, report.progress, report.trafficLight, report.createdBy,
      report.idempotency?.key ?? null, report.idempotency?.owner ?? null, report.idempotency?.requestHash ?? null,
    ],
  );
  return rows[0] as StatusReportRecord;
}

/** The report this owner filed before with this key on this measure, with the fingerprint of that request. */
export async function findReportByIdempotencyKey(
  db: Queryable,
  measureId: string,
  owner: string,
  key: string,
): Promise<{ report: StatusReportRecord; requestHash: string | null } | undefined> {
  const { rows } = await db.query<StatusReportRecord & { requestHash: string | null }>(
    `SELECT ${columns}, request_hash AS "requestHash" FROM status_report WHERE measure_id = $1 AND idempotency_owner = $2 AND idempotency_key = $3`,
    [measureId, owner, key],
  );
  if (!rows[0]) return undefined;
  const { requestHash, ...report } = rows[0];
  return { report, requestHash };
}
