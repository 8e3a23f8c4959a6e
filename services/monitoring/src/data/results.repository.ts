import type { PoolClient } from '@sozialraum/kit/db';
import { copyField, copyIn } from './copy';
import type { ExclusionReason } from '../domain/method';
import type { Queryable } from '@sozialraum/kit/db';

/** Who a run is for: see the migration disclosed-runs and docs/monitoring.md. */
export type RunAudience = 'all' | 'raw' | 'disclosed';

export interface IndexRunRecord {
  id: number;
  methodVersionId: number;
  period: string;
  audience: RunAudience;
  /** The confidentiality rules a disclosed (or all) run was computed under; null for raw runs. */
  rules: unknown;
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

const runColumns = `id, method_version_id AS "methodVersionId", period, audience, input_releases AS "inputReleases", summary, statistics,
  computed_at AS "computedAt"`;

const resultColumns = `x.run_id AS "runId", r.period, x.space_id AS "spaceId", s.code AS "spaceCode", s.name AS "spaceName",
  x.status_sum AS "statusSum", x.status_index AS "statusIndex", x.status_class AS "statusClass",
  x.dynamics_sum AS "dynamicsSum", x.dynamics_index AS "dynamicsIndex", x.dynamics_class AS "dynamicsClass",
  x.combined_group AS "combinedGroup", x.z_values AS "zValues", x.dynamics_z AS "dynamicsZ", x.excluded`;

export interface NewIndexRun extends Omit<IndexRunRecord, 'id' | 'computedAt'> {
  results: readonly NewIndexResult[];
}

/**
 * Stores the runs of a recomputation: one row per run, then the results of all runs with one COPY (a method
 * over Berlin's 542 areas and 16 periods is 8,672 results). Returns the run ids in the given order.
 */
export async function insertRuns(db: PoolClient, runs: readonly NewIndexRun[]): Promise<number[]> {
  const runIds: number[] = [];
  for (const run of runs) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO index_run (method_version_id, period, audience, rules, input_releases, summary, statistics)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        run.methodVersionId,
        run.period,
        run.audience,
        run.rules === null ? null : JSON.stringify(run.rules),
        JSON.stringify(run.inputReleases),
        JSON.stringify(run.summary),
        JSON.stringify(run.statistics),
      ],
    );
    runIds.push((rows[0] as { id: number }).id);
  }
  const lines = runs.map((run, i) =>
    run.results
      .map((r) =>
        [runIds[i], r.spaceId, r.statusSum, r.statusIndex, r.statusClass, r.dynamicsSum, r.dynamicsIndex, r.dynamicsClass, r.combinedGroup, r.zValues, r.dynamicsZ, r.excluded]
          .map(copyField)
          .join('\t'),
      )
      .map((line) => `${line}\n`)
      .join(''),
  );
  await copyIn(
    db,
    `COPY index_result (run_id, space_id, status_sum, status_index, status_class, dynamics_sum, dynamics_index,
                        dynamics_class, combined_group, z_values, dynamics_z, excluded) FROM STDIN`,
    lines.filter((chunk) => chunk.length > 0),
  );
  return runIds;
}

/** Whose runs to read: the raw-data role's, or everyone else's under the rules in force. */
export type RunView = { audience: 'raw' } | { audience: 'disclosed'; rules: unknown };

/** The newest run of each period (or of one) shown to a view: $1 method, $2 period or null, $3 audience, $4 rules. */
const newestPerPeriod = (columns: string) => `
  SELECT * FROM (
    SELECT DISTINCT ON (period) ${columns}, rules FROM index_run
     WHERE method_version_id = $1 AND ($2::text IS NULL OR period = $2) AND audience IN ('all', $3)
     ORDER BY period, id DESC) newest
   WHERE $3 = 'raw' OR rules = $4::jsonb`;
const viewParams = (methodVersionId: number, view: RunView, period: string | undefined) =>
  [methodVersionId, period ?? null, view.audience, view.audience === 'raw' ? null : JSON.stringify(view.rules)];

/**
 * The newest run of each period of a method (or of one period) for a view, ordered by period. A disclosed
 * caller gets the newest run made for them only while the rules it was made under are still in force.
 */
export async function newestRuns(db: Queryable, methodVersionId: number, view: RunView, period?: string): Promise<IndexRunRecord[]> {
  const { rows } = await db.query<IndexRunRecord>(`${newestPerPeriod(runColumns)} ORDER BY period`, viewParams(methodVersionId, view, period));
  return rows;
}

/** Only the newest period's run of newestRuns (its id and period): what the map needs, without the summaries. */
export async function newestRunId(db: Queryable, methodVersionId: number, view: RunView, period?: string): Promise<{ id: number; period: string } | undefined> {
  const { rows } = await db.query<{ id: number; period: string }>(
    `${newestPerPeriod('id, period')} ORDER BY period DESC LIMIT 1`,
    viewParams(methodVersionId, view, period),
  );
  return rows[0];
}

export async function resultsOfRuns(db: Queryable, runIds: readonly number[], spaceCode?: string): Promise<IndexResultRecord[]> {
  const { rows } = await db.query<IndexResultRecord>(
    `SELECT ${resultColumns} FROM index_result x JOIN index_run r ON r.id = x.run_id JOIN space s ON s.id = x.space_id
      WHERE x.run_id = ANY($1) AND ($2::text IS NULL OR s.code = $2) ORDER BY r.period, s.code`,
    [runIds, spaceCode ?? null],
  );
  return rows;
}
