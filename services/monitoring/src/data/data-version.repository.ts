import type { Queryable } from '@sozialraum/kit/db';

/**
 * Raised by every statement that changes values, spaces, indicators or settings (migration data-version), in
 * its transaction: what is computed from data read after this version can only be newer than it, never older.
 */
export async function dataVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM data_version');
  return rows[0]!.value;
}

/**
 * The data version with what the map's classes come from: the newest index run (runs never change once written;
 * a recomputation adds new ones) and the active method versions. Read, not counted by triggers: a counter row
 * that recomputations and space deletions (cascading to results) both update would make them deadlock.
 */
export async function dataAndResultsVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ value: string }>(
    `SELECT concat_ws('/', d.value, (SELECT max(id) FROM index_run),
                      (SELECT string_agg(id::text, ',' ORDER BY id) FROM method_version WHERE active)) AS value
       FROM data_version d`,
  );
  return rows[0]!.value;
}
