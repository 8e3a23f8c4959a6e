import type { Queryable } from '@sozialraum/kit/db';
import { type SpaceType, validAt } from './spaces.repository';

export interface MapOutline {
  code: string;
  name: string;
  type: SpaceType;
  /** GeoJSON text straight from PostGIS, so 542 detailed polygons are not parsed and re-serialised. */
  geometry: string | null;
}

export async function listMapOutlines(db: Queryable, filter: { type?: SpaceType; at: string; simplify: boolean }): Promise<MapOutline[]> {
  // Simplified: the outline kept in space.geom_simplified (~7–11 m tolerance, topology kept, on a 0.0001° grid),
  // see its migrations; 4 decimals carry that grid exactly, the detail keeps 6.
  const { rows } = await db.query<MapOutline>(
    `SELECT s.code, s.name, s.type,
            ST_AsGeoJSON(CASE WHEN $3 THEN s.geom_simplified ELSE s.geom END, CASE WHEN $3 THEN 4 ELSE 6 END) AS geometry
       FROM space s
      WHERE ${validAt('s', '$1')} AND ($2::text IS NULL OR s.type = $2)
      ORDER BY s.code`,
    [filter.at, filter.type ?? null, filter.simplify],
  );
  return rows;
}

export interface MapSpace {
  id: number;
  code: string;
  population: number | null;
}

/** The spaces the classes and values are given for: those the outlines show. */
export async function listMapSpaces(db: Queryable, filter: { type?: SpaceType; at: string }): Promise<MapSpace[]> {
  const { rows } = await db.query<MapSpace>(
    `SELECT s.id, s.code, s.population FROM space s
      WHERE ${validAt('s', '$1')} AND ($2::text IS NULL OR s.type = $2)
      ORDER BY s.code`,
    [filter.at, filter.type ?? null],
  );
  return rows;
}

export interface MapIndicator {
  key: string;
  kind: 'rate' | 'share' | 'count' | 'mean';
  /** The requested period, else the newest one the indicator has values for (null: no values at all). */
  period: string | null;
}

export async function findMapIndicators(db: Queryable, keys: string[], period: string | undefined): Promise<MapIndicator[]> {
  const { rows } = await db.query<MapIndicator>(
    `SELECT i.key, i.kind,
            COALESCE($2::text, (SELECT max(v.period) FROM indicator_value v WHERE v.indicator_key = i.key)) AS period
       FROM indicator i WHERE i.key = ANY($1::text[])`,
    [keys, period ?? null],
  );
  return rows;
}

export interface MapValue {
  spaceId: number;
  indicatorKey: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/**
 * The newest release's value of each indicator in its period, for the given spaces. Not through current_value:
 * a join cannot reach into the view's DISTINCT ON, which would sort every value of the table first.
 */
export async function listMapValues(db: Queryable, spaceIds: number[], indicators: MapIndicator[]): Promise<MapValue[]> {
  const wanted = indicators.filter((i) => i.period !== null);
  if (wanted.length === 0 || spaceIds.length === 0) return [];
  const { rows } = await db.query<MapValue>(
    `SELECT DISTINCT ON (v.space_id, v.indicator_key)
            v.space_id AS "spaceId", v.indicator_key AS "indicatorKey", v.value, v.numerator, v.denominator
       FROM indicator_value v
       JOIN unnest($2::text[], $3::text[]) AS w(key, period) ON v.indicator_key = w.key AND v.period = w.period
      WHERE v.space_id = ANY($1::bigint[])
      ORDER BY v.space_id, v.indicator_key, v.release_id DESC`,
    [spaceIds, wanted.map((i) => i.key), wanted.map((i) => i.period)],
  );
  return rows;
}

export interface MapClasses {
  spaceId: number;
  statusClass: number | null;
  dynamicsClass: number | null;
  combinedGroup: number | null;
}

/** Classes of one run. */
export async function listMapClasses(db: Queryable, runId: number): Promise<MapClasses[]> {
  const { rows } = await db.query<MapClasses>(
    `SELECT space_id AS "spaceId", status_class AS "statusClass", dynamics_class AS "dynamicsClass",
            combined_group AS "combinedGroup"
       FROM index_result WHERE run_id = $1`,
    [runId],
  );
  return rows;
}
