import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPool, listenedVersion, type ListenedVersion, onLocalCommit, type Pool, withTransaction } from '../src/db';
import { connectAsAnotherReplica, type FaultProxy, stackEnv, startFaultProxy, waitFor } from '../src/testing';

/**
 * A version kept in memory from PostgreSQL's notifications, against the real server: another connection (as
 * another replica would) raises it and notifies in its transaction; the listening connection is killed and
 * stalled; this process's own writes are seen at once.
 */
const schema = `kit_listen_${process.pid}`;
const channel = `kit_listen_${process.pid}`;
const databaseUrl = () => stackEnv('DATABASE_URL');
let pool: Pool;
/** Another process's connection: its commits reach this process only by notification. */
let elsewhere: pg.Client;
const opened: Array<ListenedVersion<number>> = [];

/** A listened version over `table` that counts its reads; `applicationName` finds its connection. */
function version(table: string, options: { connectionString?: string; heartbeatMs?: number; deadlineMs?: number; retryMs?: number } = {}) {
  let reads = 0;
  const applicationName = `${channel}-${opened.length}`;
  const versions = listenedVersion({
    connectionString: options.connectionString ?? databaseUrl(),
    channel,
    applicationName,
    retryMs: options.retryMs ?? 50,
    heartbeatMs: options.heartbeatMs,
    deadlineMs: options.deadlineMs,
    read: async () => {
      reads++;
      return (await pool.query<{ value: number }>(`SELECT value FROM ${table}`)).rows[0]!.value;
    },
  });
  opened.push(versions);
  /** Until notifications are heard and the version is held in memory: two calls in a row read nothing. */
  const inMemory = () =>
    waitFor(async () => {
      await versions.current();
      const before = reads;
      await versions.current();
      return versions.listening() && reads === before;
    }, 10_000, 'the version held in memory');
  return { versions, reads: () => reads, applicationName, inMemory };
}

const raise = (db: Pick<pg.Client, 'query'>, table: string) => db.query(`UPDATE ${schema}.${table} SET value = value + 1`);

beforeAll(async () => {
  pool = createPool({ connectionString: databaseUrl(), schema });
  elsewhere = await connectAsAnotherReplica(databaseUrl());
  await pool.query(`CREATE SCHEMA ${schema}`);
  // `notified` tells its listeners after each commit that raised it (as the services' version triggers do); `silent` never.
  await pool.query(`CREATE TABLE ${schema}.notified (value bigint NOT NULL); INSERT INTO ${schema}.notified VALUES (0)`);
  await pool.query(`CREATE TABLE ${schema}.silent (value bigint NOT NULL); INSERT INTO ${schema}.silent VALUES (0)`);
  await pool.query(
    `CREATE FUNCTION ${schema}.notify_raised() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('${channel}', NEW.value::text); RETURN NULL; END $$`,
  );
  await pool.query(`CREATE TRIGGER raised AFTER UPDATE ON ${schema}.notified FOR EACH ROW EXECUTE FUNCTION ${schema}.notify_raised()`);
});
afterAll(async () => {
  for (const versions of opened) await versions.closable.close();
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
  await elsewhere.end();
});

describe('a version heard from notifications', () => {
  test('when another connection commits a raise, then the version in memory follows within a second, and is read once for it', async () => {
    const { versions, reads, inMemory } = version('notified');
    await inMemory();
    const before = await versions.current();
    const readsBefore = reads();
    for (let i = 0; i < 50; i++) expect(await versions.current()).toBe(before);
    expect(reads()).toBe(readsBefore); // 50 answers, not one round trip

    const committed = Date.now();
    await raise(elsewhere, 'notified');
    await waitFor(async () => (await versions.current()) === before + 1, 1_000, 'the raise seen');
    const seenAfterMs = Date.now() - committed;
    expect(seenAfterMs).toBeLessThan(1_000);
    const readsAfter = reads();
    expect(await versions.current()).toBe(before + 1);
    expect(reads()).toBe(readsAfter);
  });

  test('when another connection commits a raise, then a caller waiting for the next change wakes for it, long before its bound', async () => {
    const { versions, inMemory } = version('notified');
    await inMemory();
    const started = Date.now();
    const woken = versions.nextChange(10_000);
    await raise(elsewhere, 'notified');
    await woken;
    expect(Date.now() - started).toBeLessThan(2_000);
    // Nothing changes: the wait ends at its bound.
    const quiet = Date.now();
    await versions.nextChange(200);
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(190);
  });

  test('when this process commits a write, then the next call reads the version, without waiting for a notification', async () => {
    // `silent` notifies nobody: only this process's own commit can make the memory read again.
    const { versions, inMemory } = version('silent');
    await inMemory();
    const before = await versions.current();
    await raise(elsewhere, 'silent');
    expect(await versions.current()).toBe(before); // another process's write without notification: not seen
    await raise(pool, 'silent');
    expect(await versions.current()).toBe(before + 2);
  });

  test('when the listening connection is killed, then every call reads until it listens again, then memory serves again', async () => {
    // Reconnecting after a second (then two): long enough to watch the reads in between.
    const { versions, reads, applicationName, inMemory } = version('notified', { retryMs: 1_000 });
    await inMemory();
    const { rows } = await pool.query<{ killed: boolean }>(
      'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    );
    expect(rows).toEqual([{ killed: true }]);
    await waitFor(() => !versions.listening(), 5_000, 'the loss noticed');
    // Meanwhile each call reads: a raise elsewhere is in the very next answer, notified or not.
    const readsBefore = reads();
    const before = await versions.current();
    await raise(elsewhere, 'notified');
    expect(await versions.current()).toBe(before + 1);
    expect(reads()).toBe(readsBefore + 2);
    expect(versions.listening()).toBe(false);
    await inMemory();
    const again = await versions.current();
    await raise(elsewhere, 'notified');
    await waitFor(async () => (await versions.current()) === again + 1, 1_000, 'a raise heard after reconnecting');
  });

  test('when the listening connection stalls, then no call waits for it: past heartbeat and deadline they read, and memory serves once it answers', async () => {
    const database = new URL(databaseUrl());
    const proxy: FaultProxy = await startFaultProxy({ host: database.hostname, port: Number(database.port) });
    try {
      const { versions, reads, inMemory } = version('notified', { connectionString: proxy.via(databaseUrl()), heartbeatMs: 200, deadlineMs: 300 });
      await inMemory();
      proxy.stall();
      await waitFor(() => !versions.listening(), 5_000, 'the stall noticed');
      const readsBefore = reads();
      const started = Date.now();
      await versions.current();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(reads()).toBe(readsBefore + 1);
      proxy.resume();
      await inMemory();
    } finally {
      await proxy.close();
    }
  });

  test('when it is closed, then its connection ends and calls read', async () => {
    const { versions, reads, applicationName, inMemory } = version('notified');
    await inMemory();
    await versions.closable.close();
    const { rows } = await pool.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    expect(rows).toEqual([]);
    const readsBefore = reads();
    await versions.current();
    expect(reads()).toBe(readsBefore + 1);
  });
});

describe('commits of this process', () => {
  test('when a statement or transaction writes, then its commit is reported before the caller goes on; reads report nothing', async () => {
    let commits = 0;
    const stop = onLocalCommit(() => commits++);
    try {
      await pool.query(`SELECT value FROM ${schema}.silent`);
      expect(commits).toBe(0);
      await pool.query(`UPDATE ${schema}.silent SET value = value WHERE false`);
      expect(commits).toBe(1);
      await withTransaction(pool, async (client) => {
        await client.query(`UPDATE ${schema}.silent SET value = value + 1`);
        await client.query(`UPDATE ${schema}.silent SET value = value + 1`);
        expect(commits).toBe(1); // not before the commit
      });
      expect(commits).toBe(2);
      await withTransaction(pool, async (client) => {
        await client.query(`SELECT value FROM ${schema}.silent`);
      });
      expect(commits).toBe(2); // a transaction that only read
      await expect(
        withTransaction(pool, async (client) => {
          await client.query(`UPDATE ${schema}.silent SET value = value + 1`);
          throw new Error('given up');
        }),
      ).rejects.toThrow('given up');
      expect(commits).toBe(2); // rolled back
      await pool.query(`BEGIN; UPDATE ${schema}.silent SET value = value + 1; COMMIT`);
      expect(commits).toBe(3); // several statements in one text
    } finally {
      stop();
    }
  });

  test('when a COPY stream writes inside a transaction, then its commit is reported when it commits, and never when it rolls back', async () => {
    let commits = 0;
    const stop = onLocalCommit(() => commits++);
    const copied = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.copied`)).rows[0]!.n;
    const copyIn = (db: Pick<pg.PoolClient, 'query'>, lines: string[]) => pipeline(Readable.from(lines), db.query(copyFrom(`COPY ${schema}.copied (value) FROM STDIN`)));
    try {
      await pool.query(`CREATE TABLE ${schema}.copied (value bigint NOT NULL)`);
      commits = 0;
      await withTransaction(pool, async (client) => {
        await copyIn(client, ['1\n', '2\n']);
        expect(commits).toBe(0); // copied, not committed
        await client.query(`SELECT value FROM ${schema}.silent`);
        expect(commits).toBe(0);
      });
      expect(commits).toBe(1);
      expect(await copied()).toBe(2);

      await expect(
        withTransaction(pool, async (client) => {
          await copyIn(client, ['3\n']);
          throw new Error('given up');
        }),
      ).rejects.toThrow('given up');
      expect(commits).toBe(1); // rolled back
      expect(await copied()).toBe(2);

      const client = await pool.connect();
      try {
        await copyIn(client, ['4\n']);
        expect(commits).toBe(2); // on its own, a COPY has committed once its stream finished
      } finally {
        client.release();
      }
      expect(await copied()).toBe(3);
    } finally {
      stop();
    }
  });
});
