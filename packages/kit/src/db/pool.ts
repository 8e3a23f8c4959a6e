import pg from 'pg';
import type { HealthCheck } from '../health';
import type { Closable } from '../lifecycle';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

const schemaName = /^[a-z][a-z0-9_]*$/;

export interface PoolOptions {
  connectionString: string;
  /** The service's own schema; it comes first on the search path, PostGIS (in `public`) after it. */
  schema: string;
  max?: number;
  applicationName?: string;
}

// Return int8 (counts, sums) and numeric as JS numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function createPool(options: PoolOptions): Pool {
  if (!schemaName.test(options.schema)) throw new Error(`Invalid schema name "${options.schema}"`);
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? options.schema,
    options: `-c search_path=${options.schema},public`,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
}

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function postgresHealth(pool: Pool): HealthCheck {
  return { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) };
}

export function closePool(pool: Pool): Closable {
  return { name: 'postgres', close: () => pool.end() };
}
