import type { Queryable } from '@sozialraum/kit/db';

/** In the change's transaction: until it commits, other writers wait here, so versions follow commit order. */
export async function raiseDataVersion(db: Queryable): Promise<void> {
  await db.query('UPDATE data_version SET value = value + 1');
}

/**
 * The version of the data and the database's day: together they say whether a cached overview still holds.
 * `dayEndsAt` (ms since 1970) is when that day ends in the database's time zone, when the day must be read again.
 */
export async function dataVersion(db: Queryable): Promise<{ version: number; day: string; dayEndsAt: number }> {
  const { rows } = await db.query<{ version: number; day: string; dayEndsAt: number }>(
    `SELECT value AS version, current_date::text AS day, extract(epoch FROM (current_date + 1)::timestamptz) * 1000 AS "dayEndsAt" FROM data_version`,
  );
  return rows[0]!;
}

/** The same two as columns of another statement, read in its snapshot. */
export const dataVersionColumns = `(SELECT value FROM data_version) AS version, current_date::text AS day`;
