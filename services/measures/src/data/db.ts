import type { Pool, PoolClient } from '@sozialraum/kit/db';

export type Queryable = Pick<Pool | PoolClient, 'query'>;

/** Calendar dates leave PostgreSQL as text, so no time zone can shift them. */
export const isoDate = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
