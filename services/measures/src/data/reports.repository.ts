import type { components } from '../generated/api';
import { isoDate, type Queryable } from './db';

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
  report: { date: string; text: string; progress: number; trafficLight: string; createdBy: string; idempotencyKey?: string },
): Promise<StatusReportRecord> {
  const { rows } = await db.query<StatusReportRecord>(
    `INSERT INTO status_report (measure_id, report_date, text, progress, traffic_light, created_by, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
    [measureId, report.date, report.text, report.progress, report.trafficLight, report.createdBy, report.idempotencyKey ?? null],
  );
  return rows[0] as StatusReportRecord;
}

/** The report filed before with this Idempotency-Key, if any. */
export async function findReportByIdempotencyKey(db: Queryable, measureId: string, key: string): Promise<StatusReportRecord | undefined> {
  const { rows } = await db.query<StatusReportRecord>(`SELECT ${columns} FROM status_report WHERE measure_id = $1 AND idempotency_key = $2`, [measureId, key]);
  return rows[0];
}
