import type { PoolClient, Queryable } from '@sozialraum/kit/db';
import type { Audience } from '../use-cases/disclosure';
import { copyField, copyIn } from './copy';

export interface ProfileSnapshotRead {
  /** The data version in force when the rows were read. */
  version: string;
  /** Every indicator the space has a value of, by key, with its entry as JSON when the snapshot holds it for the indicator's stamp in force. */
  entries: Array<{ key: string; body: string | null }>;
}

/**
 * One statement, so the version, the stamps in force and the rows come from the same snapshot of the database:
 * a row is read only under the stamp its indicator has now (profile_indicator_stamp), never an older one.
 */
export async function readProfileSnapshot(db: Queryable, audience: Audience, code: string): Promise<ProfileSnapshotRead> {
  // Lookups by key only, without JIT (migration profile-snapshot-per-indicator): a fresh snapshot's tables have
  // no statistics yet, and the plan's cost estimate had PostgreSQL compile it (~1 s at Berlin's size).
  const { rows } = await db.query<{ version: string; key: string | null; body: string | null }>('SELECT version, key, body FROM profile_snapshot_read($1, $2)', [audience, code]);
  return { version: rows[0]!.version, entries: rows.filter((r) => r.key !== null).map((r) => ({ key: r.key as string, body: r.body })) };
}

/** Whether the snapshot of this data version is complete: every indicator's rows hold for it. */
export async function isSnapshotComplete(db: Queryable, version: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM profile_snapshot WHERE data_version = $1', [version]);
  return rows.length > 0;
}

/** Each indicator with values, its stamp in force and whether the snapshot holds its rows for that stamp. */
export async function indicatorStamps(db: Queryable): Promise<Array<{ key: string; stamp: string; built: boolean }>> {
  const { rows } = await db.query<{ key: string; stamp: string; built: boolean }>(
    `SELECT st.indicator_key AS key, st.stamp::text AS stamp, b.stamp IS NOT DISTINCT FROM st.stamp AS built
       FROM profile_indicator_stamp st LEFT JOIN profile_snapshot_indicator b ON b.indicator_key = st.indicator_key
      WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_key = st.indicator_key)
      ORDER BY st.indicator_key`,
  );
  return rows;
}

export interface ProfileIndicatorRow {
  audience: Audience;
  spaceCode: string;
  indicatorKey: string;
  body: string;
}

/** Stores some indicators' rows under their stamps (every space, both audiences) in place of their older ones, and marks them built. */
export async function writeProfileIndicators(db: PoolClient, stamps: ReadonlyMap<string, string>, rows: readonly ProfileIndicatorRow[]): Promise<void> {
  await db.query('DELETE FROM profile_indicator WHERE indicator_key = ANY($1)', [[...stamps.keys()]]);
  const lines = rows.map((r) => `${stamps.get(r.indicatorKey)}\t${r.audience}\t${copyField(r.spaceCode)}\t${copyField(r.indicatorKey)}\t${copyField(r.body)}\n`);
  if (lines.length > 0) await copyIn(db, 'COPY profile_indicator (stamp, audience, space_code, indicator_key, body) FROM STDIN', lines);
  await db.query(
    `INSERT INTO profile_snapshot_indicator (indicator_key, stamp) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (indicator_key) DO UPDATE SET stamp = EXCLUDED.stamp`,
    [[...stamps.keys()], [...stamps.values()]],
  );
}

/** Marks the version complete (`keys`: every indicator with values) and drops the rows of indicators without values and other versions' marks. */
export async function completeSnapshot(db: Queryable, version: string, keys: readonly string[]): Promise<void> {
  const { rows: gone } = await db.query<{ key: string }>('DELETE FROM profile_snapshot_indicator WHERE NOT (indicator_key = ANY($1)) RETURNING indicator_key AS key', [keys]);
  if (gone.length > 0) await db.query('DELETE FROM profile_indicator WHERE indicator_key = ANY($1)', [gone.map((g) => g.key)]);
  await db.query('INSERT INTO profile_snapshot (data_version) VALUES ($1)', [version]);
  await db.query('DELETE FROM profile_snapshot WHERE data_version <> $1', [version]);
}

/** The type of each space code's newest version: the spaces its profile compares it with. */
export async function latestTypes(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; type: string }>(
    'SELECT DISTINCT ON (code) code, type FROM space ORDER BY code, valid_until IS NULL DESC, valid_from DESC',
  );
  return new Map(rows.map((r) => [r.code, r.type]));
}
