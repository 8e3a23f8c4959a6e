import { existsSync, readdirSync } from 'node:fs';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { Logger } from 'pino';

export interface MigrateOptions {
  databaseUrl: string;
  /** The service's schema; created when missing, and home of its migrations table. */
  schema: string;
  /** Folder of the service's SQL migrations. */
  dir: string;
  logger: Logger;
}

/** Applies the service's pending migrations under an advisory lock, so parallel starts are safe. */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  if (!existsSync(options.dir) || readdirSync(options.dir).length === 0) {
    // A service without tables yet still owns its schema.
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`).finally(() => client.end());
    return [];
  }
  const applied = await runner({
    databaseUrl: options.databaseUrl,
    dir: options.dir,
    direction: 'up',
    count: Infinity,
    schema: [options.schema, 'public'],
    createSchema: true,
    migrationsSchema: options.schema,
    createMigrationsSchema: true,
    migrationsTable: 'migrations',
    checkOrder: true,
    verbose: false,
    log: (message: string) => options.logger.debug(message),
  });
  const names = applied.map((m) => m.name);
  options.logger.info({ schema: options.schema, applied: names }, names.length ? 'migrations applied' : 'schema up to date');
  return names;
}
