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

/** A cell whose disclosed value differs from the stored one (withheld, rounded, parts withheld), as disclosure made it. */
export interface DisclosedCell {
  spaceCode: string;
  indicatorKey: string;
  period: string;
  /** The value viewers may see (null: withheld): what their ranks, means and city values are computed from. */
  shown: number | null;
  /** The denominator viewers may see: a city value's weight. */
  denominator: number | null;
  /** The value as it leaves, JSON. */
  json: string;
}

/** A table of the transaction for the disclosed cells of the indicators being stored (emptied per batch). */
export async function createDisclosedCells(db: PoolClient): Promise<void> {
  await db.query(
    `CREATE TEMPORARY TABLE profile_disclosed_cell (
       space_code text NOT NULL, indicator_key text NOT NULL, period text NOT NULL,
       shown double precision, denominator double precision, value_json text NOT NULL) ON COMMIT DROP`,
  );
}

export async function writeDisclosedCells(db: PoolClient, cells: readonly DisclosedCell[]): Promise<void> {
  await db.query('TRUNCATE profile_disclosed_cell');
  if (cells.length === 0) return;
  const lines = cells.map((c) => `${copyField(c.spaceCode)}\t${copyField(c.indicatorKey)}\t${copyField(c.period)}\t${copyField(c.shown)}\t${copyField(c.denominator)}\t${copyField(c.json)}\n`);
  await copyIn(db, 'COPY profile_disclosed_cell (space_code, indicator_key, period, shown, denominator, value_json) FROM STDIN', lines);
  await db.query('ANALYZE profile_disclosed_cell');
}

/**
 * Stores every space's profile entry of the indicators for both audiences in one statement, set-based: each
 * current value (as peerValues reads them) once per audience — for viewers as `profile_disclosed_cell` says
 * where disclosure changed it, else as stored — then per audience, type, indicator and period (a section)
 * the mean, sample sd, ranks (1 = worst, equal values share a rank), z-values and city value over the values
 * the audience may see, as `use-cases/indicator-views.ts` (rankingOf) and `city-value.ts` compute them in the
 * request. A space's points are those in the sections of its newest version's type; floats leave in
 * PostgreSQL's shortest exact form (as JSON.stringify writes them). No rule of disclosure is applied here.
 */
export async function insertProfileIndicators(db: PoolClient, version: string, keys: readonly string[]): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO profile_indicator (data_version, audience, space_code, indicator_key, body)
     WITH cur AS (
       SELECT DISTINCT ON (s.code, v.indicator_key, v.period)
              s.code, s.type, s.population, v.indicator_key AS key, v.period, v.value, v.numerator, v.denominator
         FROM indicator_value v JOIN space s ON s.id = v.space_id
        WHERE v.indicator_key = ANY($2)
        ORDER BY s.code, v.indicator_key, v.period, s.valid_from DESC, v.release_id DESC),
     seen AS (
       SELECT a.audience, c.code, c.type, c.population, c.key, c.period,
              CASE WHEN o.space_code IS NULL THEN c.value ELSE o.shown END AS shown,
              CASE WHEN o.space_code IS NULL THEN c.denominator ELSE o.denominator END AS denominator,
              CASE WHEN o.space_code IS NULL
                   THEN '{"value":' || c.value::text || ',"suppressed":false'
                        || coalesce(',"numerator":' || c.numerator::text, '') || coalesce(',"denominator":' || c.denominator::text, '') || '}'
                   ELSE o.value_json END AS value_json
         FROM cur c CROSS JOIN (VALUES ('raw'), ('disclosed')) a (audience)
         LEFT JOIN profile_disclosed_cell o
                ON a.audience = 'disclosed' AND o.space_code = c.code AND o.indicator_key = c.key AND o.period = c.period),
     ranked AS (
       SELECT s.*, i.kind,
              count(s.shown) OVER w AS n, count(*) OVER w AS peers, avg(s.shown) OVER w AS mean, stddev_samp(s.shown) OVER w AS sd,
              sum(s.shown) OVER w AS total,
              bool_or(s.shown IS NOT NULL AND s.denominator > 0 AND s.denominator < 'Infinity') OVER w AS by_denominator,
              CASE WHEN s.shown IS NOT NULL THEN rank() OVER (PARTITION BY s.audience, s.type, s.key, s.period
                   ORDER BY CASE WHEN i.polarity = 'higher-is-better' THEN s.shown ELSE -s.shown END NULLS LAST) END AS rank
         FROM seen s JOIN indicator i ON i.key = s.key
       WINDOW w AS (PARTITION BY s.audience, s.type, s.key, s.period)),
     weighted AS (
       SELECT r.*, CASE WHEN r.shown IS NULL THEN NULL WHEN r.by_denominator THEN r.denominator ELSE r.population END AS weight FROM ranked r),
     sections AS (
       SELECT w.*,
              CASE WHEN w.kind = 'count' THEN CASE WHEN w.n = w.peers AND w.n > 0 THEN w.total END
                   ELSE sum(w.shown * w.weight) FILTER (WHERE w.weight > 0 AND w.weight < 'Infinity') OVER p
                        / nullif(sum(w.weight) FILTER (WHERE w.weight > 0 AND w.weight < 'Infinity') OVER p, 0) END AS city
         FROM weighted w
       WINDOW p AS (PARTITION BY w.audience, w.type, w.key, w.period)),
     points AS (
       SELECT s.audience, s.code, s.key, s.period, s.type = l.type AS own,
              '{"period":' || to_json(s.period)::text || ',"value":' || s.value_json
              || ',"cityMean":' || coalesce(s.mean::text, 'null') || ',"cityValue":' || coalesce(s.city::text, 'null')
              || ',"rank":' || coalesce(s.rank::text, 'null') || ',"of":' || s.n::text
              || ',"z":' || CASE WHEN s.shown IS NULL OR s.sd IS NULL THEN 'null' WHEN s.sd > 0 THEN ((s.shown - s.mean) / s.sd)::text ELSE '0' END
              || '}' AS point
         FROM sections s
         JOIN (SELECT DISTINCT ON (code) code, type FROM space ORDER BY code, valid_until IS NULL DESC, valid_from DESC) l ON l.code = s.code)
     SELECT $1, p.audience, p.code, p.key,
            '{"key":' || to_json(i.key)::text || ',"name":' || to_json(i.name)::text || ',"unit":' || coalesce(to_json(i.unit)::text, 'null')
            || ',"kind":' || to_json(i.kind)::text || ',"polarity":' || to_json(i.polarity)::text
            || ',"points":[' || coalesce(string_agg(p.point, ',' ORDER BY p.period COLLATE "C") FILTER (WHERE p.own), '') || ']}'
       FROM points p JOIN indicator i ON i.key = p.key
      GROUP BY p.audience, p.code, p.key, i.key`,
    [version, keys],
  );
  return rowCount ?? 0;
}

/** Marks the version complete and drops every other one: readers only ever ask for the version in force. */
export async function completeSnapshot(db: Queryable, version: string): Promise<void> {
  await db.query('INSERT INTO profile_snapshot (data_version) VALUES ($1)', [version]);
  await db.query('DELETE FROM profile_indicator WHERE data_version <> $1', [version]);
  await db.query('DELETE FROM profile_snapshot WHERE data_version <> $1', [version]);
}

/** Every indicator with at least one value. */
export async function indicatorKeysWithValues(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>('SELECT i.key FROM indicator i WHERE EXISTS (SELECT 1 FROM indicator_value v WHERE v.indicator_key = i.key) ORDER BY i.key');
  return rows.map((r) => r.key);
}
