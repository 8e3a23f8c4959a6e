import type { Queryable } from '@sozialraum/kit/db';
import { validAt } from './spaces.repository';

/**
 * The id of the space valid on `at` (optionally of one type) whose geometry covers the WGS84 point; the
 * smallest one where several do (a point on a shared border, or nested types), then the lowest code.
 */
export async function locateSpaceId(db: Queryable, point: { lon: number; lat: number; type?: string; at: string }): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT s.id FROM space s
      WHERE ${validAt('s', '$4')} AND ($3::text IS NULL OR s.type = $3) AND s.geom IS NOT NULL
        AND ST_Covers(s.geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
      ORDER BY s.area_m2 ASC NULLS LAST, s.code LIMIT 1`,
    [point.lon, point.lat, point.type ?? null, point.at],
  );
  return rows[0] === undefined ? undefined : Number(rows[0].id);
}
