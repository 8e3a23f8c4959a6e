import type { PoolClient, Queryable } from '@sozialraum/kit/db';
import type { Audience } from '../use-cases/disclosure';
import { copyField, copyIn } from './copy';

export interface ProfileSnapshotRead {
  /** The data version in force when the row was read. */
  version: string;
  /** Whether the snapshot of that version is complete (else the profile is computed in the request). */
  ready: boolean;
  /** The space's indicators as JSON, ordered by key. */
  bodies: string[];
}

/** One statement, so the version, its completeness and the bodies come from the same snapshot of the database. */
export async function readProfileSnapshot(db: Queryable, audience: Audience, code: string): Promise<ProfileSnapshotRead> {
  const { rows } = await db.query<ProfileSnapshotRead>(
    `SELECT d.value::text AS version,
            EXISTS (SELECT 1 FROM profile_snapshot s WHERE s.data_version = d.value) AS ready,
            ARRAY(SELECT p.body FROM profile_indicator p
                   WHERE p.data_version = d.value AND p.audience = $1 AND p.space_code = $2 ORDER BY p.indicator_key) AS bodies
       FROM data_version d`,
    [audience, code],
  );
  return rows[0]!;
}

/** The data version in force and whether its snapshot is complete: what a kept snapshot entry is checked against. */
export async function snapshotState(db: Queryable): Promise<Omit<ProfileSnapshotRead, 'bodies'>> {
  const { rows } = await db.query<Omit<ProfileSnapshotRead, 'bodies'>>(
    'SELECT d.value::text AS version, EXISTS (SELECT 1 FROM profile_snapshot s WHERE s.data_version = d.value) AS ready FROM data_version d',
  );
  return rows[0]!;
}

export async function isSnapshotComplete(db: Queryable, version: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM profile_snapshot WHERE data_version = $1', [version]);
  return rows.length > 0;
}

export interface ProfileIndicatorRow {
  audience: Audience;
  spaceCode: string;
  indicatorKey: string;
  body: string;
}

export async function writeProfileIndicators(db: PoolClient, version: string, rows: readonly ProfileIndicatorRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lines = rows.map((r) => `${version}\t${r.audience}\t${copyField(r.spaceCode)}\t${copyField(r.indicatorKey)}\t${copyField(r.body)}\n`);
  await copyIn(db, 'COPY profile_indicator (data_version, audience, space_code, indicator_key, body) FROM STDIN', lines);
}

/** Marks the version complete and drops every other one: readers only ever ask for the version in force. */
export async function completeSnapshot(db: Queryable, version: string): Promise<void> {
  await db.query('INSERT INTO profile_snapshot (data_version) VALUES ($1)', [version]);
  await db.query('DELETE FROM profile_indicator WHERE data_version <> $1', [version]);
  await db.query('DELETE FROM profile_snapshot WHERE data_version <> $1', [version]);
}

/** The type of each space code's newest version: the spaces its profile compares it with. */
export async function latestTypes(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; type: string }>(
    'SELECT DISTINCT ON (code) code, type FROM space ORDER BY code, valid_until IS NULL DESC, valid_from DESC',
  );
  return new Map(rows.map((r) => [r.code, r.type]));
}

/** Every indicator with at least one value. */
export async function indicatorKeysWithValues(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>('SELECT i.key FROM indicator i WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_key = i.key) ORDER BY i.key');
  return rows.map((r) => r.key);
}
