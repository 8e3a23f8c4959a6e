import type { MethodVersion as MethodDefinition } from '../domain/method';
import type { Queryable } from '@sozialraum/kit/db';

export interface MethodVersionRecord {
  id: number;
  key: string;
  version: string;
  definition: MethodDefinition & { spaceType?: string; populationIndicatorKey?: string };
  active: boolean;
  createdBy: string;
  createdAt: Date;
}

const columns = `id, key, version, definition, active, created_by AS "createdBy", created_at AS "createdAt"`;

export async function findMethodVersion(db: Queryable, key: string, version: string): Promise<MethodVersionRecord | undefined> {
  const { rows } = await db.query<MethodVersionRecord>(`SELECT ${columns} FROM method_version WHERE key = $1 AND version = $2`, [key, version]);
  return rows[0];
}

/** `key@version`, or the newest active method when no reference is given. */
export async function resolveMethod(db: Queryable, reference?: string): Promise<MethodVersionRecord | undefined> {
  if (reference) {
    const at = reference.lastIndexOf('@');
    return at > 0 ? findMethodVersion(db, reference.slice(0, at), reference.slice(at + 1)) : undefined;
  }
  const { rows } = await db.query<MethodVersionRecord>(`SELECT ${columns} FROM method_version WHERE active ORDER BY created_at DESC, id DESC LIMIT 1`);
  return rows[0];
}

export async function listActiveMethods(db: Queryable): Promise<MethodVersionRecord[]> {
  const { rows } = await db.query<MethodVersionRecord>(`SELECT ${columns} FROM method_version WHERE active ORDER BY key, version`);
  return rows;
}

/** Active methods that have results only for the raw-data role: computed before disclosed runs existed. */
export async function methodsWithRawRunsOnly(db: Queryable): Promise<Array<{ key: string; version: string }>> {
  const { rows } = await db.query<{ key: string; version: string }>(
    `SELECT key, version FROM method_version m
      WHERE active AND EXISTS (SELECT 1 FROM index_run r WHERE r.method_version_id = m.id)
        AND NOT EXISTS (SELECT 1 FROM index_run r WHERE r.method_version_id = m.id AND r.audience <> 'raw')`,
  );
  return rows;
}

export async function listMethods(db: Queryable): Promise<Array<MethodVersionRecord & { periods: string[] }>> {
  const { rows } = await db.query<MethodVersionRecord & { periods: string[] }>(
    `SELECT ${columns},
            ARRAY(SELECT DISTINCT r.period FROM index_run r WHERE r.method_version_id = m.id ORDER BY r.period) AS periods
       FROM method_version m ORDER BY key, created_at, id`,
  );
  return rows;
}

export async function methodPeriods(db: Queryable, methodId: number): Promise<string[]> {
  const { rows } = await db.query<{ period: string }>(
    'SELECT DISTINCT period FROM index_run WHERE method_version_id = $1 ORDER BY period',
    [methodId],
  );
  return rows.map((r) => r.period);
}

/** Inserts a new version; undefined when key and version exist already (versions never change). */
export async function insertMethodVersion(
  db: Queryable,
  definition: MethodVersionRecord['definition'],
  createdBy: string,
): Promise<MethodVersionRecord | undefined> {
  const { rows } = await db.query<MethodVersionRecord>(
    `INSERT INTO method_version (key, version, definition, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key, version) DO NOTHING RETURNING ${columns}`,
    [definition.key, definition.version, JSON.stringify(definition), createdBy],
  );
  return rows[0];
}

export interface JobOutcome {
  jobId: string;
  name: string;
  state: 'completed' | 'failed';
  result: unknown;
  failedReason: string | null;
}

/** The last outcome of a job ID, kept after BullMQ removed the finished job. */
export async function saveJobOutcome(db: Queryable, outcome: JobOutcome): Promise<void> {
  await db.query(
    `INSERT INTO job_outcome (job_id, name, state, result, failed_reason) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (job_id) DO UPDATE SET name = EXCLUDED.name, state = EXCLUDED.state, result = EXCLUDED.result,
       failed_reason = EXCLUDED.failed_reason, finished_at = now()`,
    [outcome.jobId, outcome.name, outcome.state, JSON.stringify(outcome.result ?? null), outcome.failedReason],
  );
}

export async function findJobOutcome(db: Queryable, jobId: string): Promise<JobOutcome | undefined> {
  const { rows } = await db.query<JobOutcome>(
    `SELECT job_id AS "jobId", name, state, result, failed_reason AS "failedReason" FROM job_outcome WHERE job_id = $1`,
    [jobId],
  );
  return rows[0];
}
