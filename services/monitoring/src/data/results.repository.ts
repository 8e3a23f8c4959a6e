import type { ExclusionReason } from '../domain/method';
import type { Queryable } from './settings.repository';

export interface IndexRunRecord {
  id: number;
  methodVersionId: number;
  period: string;
  inputReleases: string[];
  summary: Record<string, unknown>;
  statistics: Record<string, unknown>;
  computedAt: Date;
}

export interface IndexResultRecord {
  runId: number;
  period: string;
  spaceId: number;
  spaceCode: string;
  spaceName: string;
  statusSum: number | null;
  statusIndex: number | null;
  statusClass: number | null;
  dynamicsSum: number | null;
  dynamicsIndex: number | null;
  dynamicsClass: number | null;
  combinedGroup: number | null;
  zValues: Record<string, number>;
  dynamicsZ: Record<string, number>;
  excluded: ExclusionReason | null;
}

export type NewIndexResult = Omit<IndexResultRecord, 'runId' | 'period' | 'spaceCode' | 'spaceName'>;

const runColumns = `id, method_version_id AS "methodVersionId", period, input_releases AS "inputReleases", summary, statistics,
  computed_at AS "computedAt"`;

const resultColumns = `x.run_id AS "runId", r.period, x.space_id AS "spaceId", s.code AS "spaceCode", s.name AS "spaceName",
  x.status_sum AS "statusSum", x.status_index AS "statusIndex", x.status_class AS "statusClass",
  x.dynamics_sum AS "dynamicsSum", x.dynamics_index AS "dynamicsIndex", x.dynamics_class AS "dynamicsClass",
  x.combined_group AS "combinedGroup", x.z_values AS "zValues", x.dynamics_z AS "dynamicsZ", x.excluded`;

export async function insertRun(
  db: Queryable,
  run: Omit<IndexRunRecord, 'id' | 'computedAt'>,
  results: readonly NewIndexResult[],
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO index_run (method_version_id, period, input_releases, summary, statistics) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [run.methodVersionId, run.period, JSON.stringify(run.inputReleases), JSON.stringify(run.summary), JSON.stringify(run.statistics)],
  );
  const runId = (rows[0] as { id: number }).id;
  // One statement for all spaces of the run: 542 Berlin areas are one round trip.
  await db.query(
    `INSERT INTO index_result (run_id, space_id, status_sum, status_index, status_class, dynamics_sum, dynamics_index,
                               dynamics_class, combined_group, z_values, dynamics_z, excluded)
     SELECT $1, x."spaceId", x."statusSum", x."statusIndex", x."statusClass", x."dynamicsSum", x."dynamicsIndex",
            x."dynamicsClass", x."combinedGroup", x."zValues", x."dynamicsZ", x.excluded
       FROM jsonb_to_recordset($2) AS x("spaceId" bigint, "statusSum" float8, "statusIndex" float8, "statusClass" smallint,
            "dynamicsSum" float8, "dynamicsIndex" float8, "dynamicsClass" smallint, "combinedGroup" smallint,
            "zValues" jsonb, "dynamicsZ" jsonb, excluded jsonb)`,
    [runId, JSON.stringify(results)],
  );
  return runId;
}

/** The newest run of each period of a method (or of one period), ordered by period. */
export async function newestRuns(db: Queryable, methodVersionId: number, period?: string): Promise<IndexRunRecord[]> {
  const { rows } = await db.query<IndexRunRecord>(
    `SELECT DISTINCT ON (period) ${runColumns} FROM index_run
      WHERE method_version_id = $1 AND ($2::text IS NULL OR period = $2) ORDER BY period, id DESC`,
    [methodVersionId, period ?? null],
  );
  return rows;
}

export async function resultsOfRuns(db: Queryable, runIds: readonly number[], spaceCode?: string): Promise<IndexResultRecord[]> {
  const { rows } = await db.query<IndexResultRecord>(
    `SELECT ${resultColumns} FROM index_result x JOIN index_run r ON r.id = x.run_id JOIN space s ON s.id = x.space_id
      WHERE x.run_id = ANY($1) AND ($2::text IS NULL OR s.code = $2) ORDER BY r.period, s.code`,
    [runIds, spaceCode ?? null],
  );
  return rows;
}
