import type { PoolClient, Queryable } from '@sozialraum/kit/db';
import { copyField, copyIn } from './copy';
import { validAt } from './spaces.repository';

export interface ValueRow {
  spaceId: number;
  indicatorKey: string;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** Code → id of every space valid today: the codes an import may use, and the versions values attach to. */
/** The spaces valid today with what an import matches them by: code, name, type. */
export async function currentSpaces(db: Queryable): Promise<Array<{ id: number; code: string; name: string; type: string }>> {
  const { rows } = await db.query<{ id: number; code: string; name: string; type: string }>(
    `SELECT s.id, s.code, s.name, s.type FROM space s WHERE ${validAt('s', 'current_date')}`,
  );
  return rows;
}

/**
 * Writes one batch with a single statement (arrays unnested server-side: one round trip, no parameter
 * limit). A value already stored for the same space, indicator, period and release is replaced, which
 * makes re-importing a release idempotent.
 */
export async function upsertValues(db: Queryable, releaseId: number, importId: string, rows: readonly ValueRow[]): Promise<void> {
  await db.query(
    `INSERT INTO indicator_value (space_id, indicator_key, period, release_id, value, numerator, denominator, import_id)
     SELECT s, k, p, $7, v, n, d, $8
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[]) AS t (s, k, p, v, n, d)
     ON CONFLICT (space_id, indicator_key, period, release_id) DO UPDATE
        SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
            import_id = EXCLUDED.import_id`,
    [
      rows.map((r) => r.spaceId),
      rows.map((r) => r.indicatorKey),
      rows.map((r) => r.period),
      rows.map((r) => r.value),
      rows.map((r) => r.numerator),
      rows.map((r) => r.denominator),
      releaseId,
      importId,
    ],
  );
}

/**
 * Writes values of a release that has none yet (created in this transaction) with one COPY: as fast as
 * PostgreSQL takes rows. The rows hold no duplicates (the import's checks reject them).
 */
export async function copyNewReleaseValues(db: PoolClient, releaseId: number, importId: string, rows: readonly ValueRow[]): Promise<void> {
  const tail = `\t${releaseId}\t`;
  const text = rows
    .map((r) => `${r.spaceId}\t${copyField(r.indicatorKey)}\t${copyField(r.period)}${tail}${r.value}\t${copyField(r.numerator)}\t${copyField(r.denominator)}\t${importId}\n`)
    .join('');
  await copyIn(db, 'COPY indicator_value (space_id, indicator_key, period, release_id, value, numerator, denominator, import_id) FROM STDIN', [text]);
}
