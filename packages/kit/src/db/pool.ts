import pg from 'pg';
import type { HealthCheck } from '../health';
import type { Closable } from '../lifecycle';
import { dependencyOutage } from '../outage';
import { CommitWatchingClient, watchCommits } from './local-commits';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** A pool or a client inside a transaction: repositories work with either. */
export type Queryable = Pick<Pool | PoolClient, 'query'>;

const schemaName = /^[a-z][a-z0-9_]*$/;

export interface PoolOptions {
  connectionString: string;
  /** The service's own schema; it comes first on the search path, PostGIS (in `public`) after it. */
  schema: string;
  max?: number;
  applicationName?: string;
  /**
   * PostgreSQL's statement_timeout on every connection (default 30 s; 0: none). The client gives up a second
   * later as well, for a server that does not answer at all; a transaction left idle is ended after twice it.
   */
  statementTimeoutMs?: number;
}

// Return int8 (counts, sums) and numeric as JS numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function createPool(options: PoolOptions): Pool {
  if (!schemaName.test(options.schema)) throw new Error(`Invalid schema name "${options.schema}"`);
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    // Versions kept in memory hear of this process's writes as they commit (listened-version.ts).
    Client: CommitWatchingClient,
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? options.schema,
    options: `-c search_path=${options.schema},public`,
    ...(statementTimeoutMs > 0
      ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1_000, idle_in_transaction_session_timeout: 2 * statementTimeoutMs }
      : {}),
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A connection cut without a FIN (a restarted host, a dropped network) is noticed within a minute.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool; without a listener the error would end the process.
  pool.on('error', () => undefined);
  watchCommits(pool);
  return pool;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection cut while it is checked out emits 'error' besides failing its query: unheard, it would end the process.
  const cut = (error: Error) => (broken = error);
  client.on('error', cut);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that is cut or stuck gets no ROLLBACK (it would wait as long again): it is discarded, and
    // PostgreSQL rolls back when the session ends. Any other failure rolls back and keeps the connection.
    broken = dependencyOutage(error) ? asError(error) : await client.query('ROLLBACK').then(() => undefined, asError);
    throw error;
  } finally {
    client.removeListener('error', cut);
    client.release(broken);
  }
}

/** Essential: a service cannot serve without its own database, so readiness fails with it. */
export function postgresHealth(pool: Pool): HealthCheck {
  return { name: 'postgres', essential: true, check: async () => void (await pool.query('SELECT 1')) };
}

export function closePool(pool: Pool): Closable {
  return { name: 'postgres', close: () => pool.end() };
}
