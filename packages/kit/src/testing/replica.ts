import pg from 'pg';

/**
 * A connection as another replica of a service holds one: not from a pool of this process, so its commits
 * reach this process's versions kept in memory only by notification (db/listened-version.ts).
 */
export async function connectAsAnotherReplica(connectionString: string, schema = 'public'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema},public` });
  await client.connect();
  return client;
}
