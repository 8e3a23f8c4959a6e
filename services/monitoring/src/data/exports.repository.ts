import type { IndicatorRecord } from './indicators.repository';
import type { Queryable } from '@sozialraum/kit/db';
import { validAt } from './spaces.repository';

export interface ExportSelection {
  type?: string;
  spaceCodes?: string[];
  indicatorKeys?: string[];
  periods?: string[];
}

export interface ExportSpace {
  id: number;
  code: string;
  name: string;
  type: string;
  population: number | null;
  /** GeoJSON geometry text (WGS84) straight from PostGIS, only when asked for: no parse and re-serialise. */
  geometry?: string | null;
}

export interface ExportValue {
  spaceId: number;
  indicatorKey: string;
  indicatorName: string;
  unit: string;
  kind: IndicatorRecord['kind'];
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  release: string;
}

/** The selected spaces valid today, ordered by code. */
export async function selectExportSpaces(db: Queryable, selection: ExportSelection, withGeometry: boolean): Promise<ExportSpace[]> {
  const { rows } = await db.query<ExportSpace>(
    `SELECT s.id, s.code, s.name, s.type, s.population${withGeometry ? ', ST_AsGeoJSON(s.geom, 7) AS geometry' : ''}
       FROM space s
      WHERE ${validAt('s', 'current_date')}
        AND ($1::text IS NULL OR s.type = $1) AND ($2::text[] IS NULL OR s.code = ANY ($2))
      ORDER BY s.code`,
    [selection.type ?? null, selection.spaceCodes ?? null],
  );
  return rows;
}

/** The newest release's value of each selected space, indicator and period. */
export async function selectExportValues(db: Queryable, spaceIds: number[], selection: ExportSelection): Promise<ExportValue[]> {
  const { rows } = await db.query<ExportValue>(
    `SELECT v.space_id AS "spaceId", v.indicator_key AS "indicatorKey", i.name AS "indicatorName", i.unit, i.kind, v.period, v.value, v.numerator, v.denominator,
            r.key AS release
       FROM current_value v
       JOIN indicator i ON i.key = v.indicator_key
       JOIN data_release r ON r.id = v.release_id
      WHERE v.space_id = ANY ($1) AND ($2::text[] IS NULL OR v.indicator_key = ANY ($2)) AND ($3::text[] IS NULL OR v.period = ANY ($3))
      ORDER BY v.space_id, v.indicator_key, v.period`,
    [spaceIds, selection.indicatorKeys ?? null, selection.periods ?? null],
  );
  return rows;
}

/** How many values a selection holds (spaces valid today), without reading them: decides whether it runs as a job. */
export async function countExportValues(db: Queryable, selection: ExportSelection): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM current_value v JOIN space s ON s.id = v.space_id
      WHERE ${validAt('s', 'current_date')}
        AND ($1::text IS NULL OR s.type = $1) AND ($2::text[] IS NULL OR s.code = ANY ($2))
        AND ($3::text[] IS NULL OR v.indicator_key = ANY ($3)) AND ($4::text[] IS NULL OR v.period = ANY ($4))`,
    [selection.type ?? null, selection.spaceCodes ?? null, selection.indicatorKeys ?? null, selection.periods ?? null],
  );
  return rows[0]?.n ?? 0;
}
