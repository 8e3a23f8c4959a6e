import type { Queryable } from '@sozialraum/kit/db';

/**
 * Raised by every statement that changes values, spaces, indicators or settings (migration data-version), in
 * its transaction: what is computed from data read after this version can only be newer than it, never older.
 */
export async function dataVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM data_version');
  return rows[0]!.value;
}
