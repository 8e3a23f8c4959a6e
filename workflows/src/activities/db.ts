import type { PoolClient } from '@sozialraum/kit/db';

/** A pool or a client inside a transaction: what the SQL helpers need. */
export type Queryable = Pick<PoolClient, 'query'>;
