import type { Queryable } from '@sozialraum/kit/db';

export type SpaceType = 'city' | 'district' | 'social-space' | 'planning-area' | 'statistical-area';

export interface SpaceRecord {
  id: number;
  code: string;
  name: string;
  type: SpaceType;
  parentCode: string | null;
  /** ISO dates (YYYY-MM-DD), formatted in SQL so no time zone can shift them. */
  validFrom: string;
  validUntil: string | null;
  population: number | null;
  areaM2: number | null;
  hasGeometry: boolean;
}

const columns = `s.id, s.code, s.name, s.type, p.code AS "parentCode",
  to_char(s.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(s.valid_until, 'YYYY-MM-DD') AS "validUntil",
  s.population, s.area_m2 AS "areaM2", s.geom IS NOT NULL AS "hasGeometry"`;
const from = 'FROM space s LEFT JOIN space p ON p.id = s.parent_id';
/** Validity is half-open: a version ends the day its valid_until names. */
export const validAt = (alias: string, param: string) =>
  `${alias}.valid_from <= ${param}::date AND (${alias}.valid_until IS NULL OR ${alias}.valid_until > ${param}::date)`;

export interface SpaceFilter {
  type?: SpaceType;
  parent?: string;
  at: string;
  q?: string;
}

export async function listSpaces(db: Queryable, filter: SpaceFilter): Promise<SpaceRecord[]> {
  const { rows } = await db.query<SpaceRecord>(
    `SELECT ${columns} ${from}
      WHERE ${validAt('s', '$1')} AND ($2::text IS NULL OR s.type = $2) AND ($3::text IS NULL OR p.code = $3)
        AND ($4::text IS NULL OR s.code ILIKE '%' || $4 || '%' OR s.name ILIKE '%' || $4 || '%')
      ORDER BY s.code`,
    [filter.at, filter.type ?? null, filter.parent ?? null, filter.q ?? null],
  );
  return rows;
}

export async function findSpaceById(db: Queryable, id: number): Promise<SpaceRecord | undefined> {
  const { rows } = await db.query<SpaceRecord>(`SELECT ${columns} ${from} WHERE s.id = $1`, [id]);
  return rows[0];
}

export async function findSpaceAt(db: Queryable, code: string, at: string): Promise<SpaceRecord | undefined> {
  const { rows } = await db.query<SpaceRecord>(`SELECT ${columns} ${from} WHERE s.code = $1 AND ${validAt('s', '$2')}`, [code, at]);
  return rows[0];
}

/** The version a change applies to: the open one, else the newest. */
export async function findLatestVersion(db: Queryable, code: string): Promise<SpaceRecord | undefined> {
  const { rows } = await db.query<SpaceRecord>(
    `SELECT ${columns} ${from} WHERE s.code = $1 ORDER BY s.valid_until IS NULL DESC, s.valid_from DESC LIMIT 1`,
    [code],
  );
  return rows[0];
}

/** The row a child's parent_id points at: the open version of the parent code, else its newest. */
export async function findParentId(db: Queryable, code: string): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id FROM space WHERE code = $1 ORDER BY valid_until IS NULL DESC, valid_from DESC LIMIT 1',
    [code],
  );
  return rows[0]?.id;
}

/** Does any version of the code overlap [from, until)? */
export async function hasOverlappingVersion(db: Queryable, code: string, validFrom: string, validUntil: string | null): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM space WHERE code = $1 AND daterange(valid_from, valid_until) && daterange($2::date, $3::date) LIMIT 1`,
    [code, validFrom, validUntil],
  );
  return rows.length > 0;
}

export interface GeometryVerdict {
  valid: boolean;
  /** ST_IsValidReason: what is wrong and where. */
  reason: string;
  /** All coordinates lie within lon/lat bounds (catches projected coordinates sent as WGS84). */
  lonLat: boolean;
}

/** PostGIS' verdict on a GeoJSON polygon; throws (SQLSTATE XX000) when PostGIS cannot read it at all. */
export async function checkGeometry(db: Queryable, geojson: string): Promise<GeometryVerdict> {
  const { rows } = await db.query<GeometryVerdict>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
            ST_XMin(g) >= -180 AND ST_XMax(g) <= 180 AND ST_YMin(g) >= -90 AND ST_YMax(g) <= 90 AS "lonLat"
       FROM (SELECT ST_GeomFromGeoJSON($1) AS g) x`,
    [geojson],
  );
  return rows[0] as GeometryVerdict;
}

/** Geometry as stored: MultiPolygon in WGS84; the area is measured on the spheroid. */
const geomFrom = (param: string) => `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326))`;

export interface NewSpace {
  code: string;
  name: string;
  type: SpaceType;
  parentId: number | null;
  validFrom: string;
  validUntil: string | null;
  population: number | null;
  geometry: string | null;
}

export async function insertSpace(db: Queryable, space: NewSpace): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `WITH g AS (SELECT ${geomFrom('$8')} AS geom)
     INSERT INTO space (code, name, type, parent_id, valid_from, valid_until, population, geom, area_m2)
     SELECT $1, $2, $3, $4, $5, $6, $7, g.geom, ST_Area(g.geom::geography) FROM g RETURNING id`,
    [space.code, space.name, space.type, space.parentId, space.validFrom, space.validUntil, space.population, space.geometry],
  );
  return (rows[0] as { id: number }).id;
}

export interface SpaceChanges {
  name?: string;
  parentId?: number | null;
  validUntil?: string | null;
  population?: number | null;
}

export async function updateSpace(db: Queryable, id: number, changes: SpaceChanges): Promise<void> {
  const has = (key: keyof SpaceChanges) => changes[key] !== undefined;
  await db.query(
    `UPDATE space SET name = COALESCE($2, name),
            parent_id = CASE WHEN $3 THEN $4 ELSE parent_id END,
            valid_until = CASE WHEN $5 THEN $6::date ELSE valid_until END,
            population = CASE WHEN $7 THEN $8 ELSE population END,
            updated_at = now()
      WHERE id = $1`,
    [id, changes.name ?? null, has('parentId'), changes.parentId ?? null, has('validUntil'), changes.validUntil ?? null, has('population'), changes.population ?? null],
  );
}

export interface ImportedSpace {
  code: string;
  name: string;
  population: number | null;
  properties: Record<string, unknown>;
  geometry: unknown;
}

export interface ImportTarget {
  type: SpaceType;
  parentId: number | null;
  validFrom: string;
  /** false: keep the population a space already has. */
  setPopulation: boolean;
}

/**
 * Upserts a batch into the open versions: a known code keeps its version and validity, a new code gets
 * a version from `validFrom`. Without a parent in the request, a space keeps the parent it has.
 */
export async function upsertImportedSpaces(db: Queryable, batch: ImportedSpace[], target: ImportTarget): Promise<void> {
  await db.query(
    `WITH input AS (
       SELECT x.code, x.name, x.population, x.properties, ${geomFrom('x.geometry')} AS geom
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, population integer, properties jsonb, geometry jsonb))
     INSERT INTO space (code, name, type, parent_id, valid_from, population, geom, area_m2, properties)
     SELECT code, name, $2, $3, $4, population, geom, ST_Area(geom::geography), properties FROM input
     ON CONFLICT (code) WHERE valid_until IS NULL DO UPDATE SET
       name = EXCLUDED.name, type = EXCLUDED.type, geom = EXCLUDED.geom, area_m2 = EXCLUDED.area_m2,
       properties = EXCLUDED.properties, parent_id = COALESCE(EXCLUDED.parent_id, space.parent_id),
       population = CASE WHEN $5 THEN EXCLUDED.population ELSE space.population END, updated_at = now()`,
    [JSON.stringify(batch), target.type, target.parentId, target.validFrom, target.setPopulation],
  );
}

/** Indices of the batch whose geometry PostGIS rejects, with its reason. */
export async function findInvalidGeometries(db: Queryable, geometries: unknown[]): Promise<{ index: number; reason: string }[]> {
  const { rows } = await db.query<{ index: number; reason: string }>(
    `SELECT (ord - 1)::int AS index, ST_IsValidReason(g) AS reason
       FROM (SELECT ord, ST_GeomFromGeoJSON(j) AS g FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(j, ord)) x
      WHERE NOT ST_IsValid(g) ORDER BY ord`,
    [JSON.stringify(geometries)],
  );
  return rows;
}

/**
 * Codes that have no open version but a closed one reaching past `validFrom`: a new version from
 * `validFrom` would overlap it.
 */
export async function findClosedOverlaps(db: Queryable, codes: string[], validFrom: string): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    `SELECT code FROM space WHERE code = ANY($1::text[]) GROUP BY code
      HAVING bool_and(valid_until IS NOT NULL) AND max(valid_until) > $2::date ORDER BY code`,
    [codes, validFrom],
  );
  return rows.map((r) => r.code);
}
