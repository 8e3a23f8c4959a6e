import { toAppError } from '../src';
import { createPool, type Pool, withTransaction } from '../src/db';
import { type FaultProxy, stackEnv, startFaultProxy, waitFor } from '../src/testing';

/**
 * PostgreSQL past the statement timeout, stalled and restarted, through a fault proxy in front of the real
 * server: each query ends by its deadline as a 503, and the same pool works again once the server is back.
 */
const STATEMENT_TIMEOUT_MS = 600;
const schema = `kit_outage_${process.pid}`;
let proxy: FaultProxy;
let pool: Pool;

const elapsed = async (work: () => Promise<unknown>) => {
  const started = Date.now();
  const outcome = await work().then(
    () => 'done' as const,
    (error: unknown) => toAppError(error),
  );
  return { outcome, ms: Date.now() - started };
};

beforeAll(async () => {
  const database = new URL(stackEnv('DATABASE_URL'));
  proxy = await startFaultProxy({ host: database.hostname, port: Number(database.port) });
  pool = createPool({ connectionString: proxy.via(database.toString()), schema, max: 4, statementTimeoutMs: STATEMENT_TIMEOUT_MS });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`CREATE TABLE ${schema}.entry (id int PRIMARY KEY)`);
});
afterAll(async () => {
  await proxy.up();
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
  await proxy.close();
});

test('when a statement runs past the statement timeout, then it is cancelled and answers 503 with Retry-After', async () => {
  const slow = await elapsed(() => pool.query('SELECT pg_sleep(5)'));
  expect(slow.outcome).toMatchObject({ status: 503, extensions: { dependency: 'postgres' } });
  expect(slow.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_500);
  expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
});

test('when PostgreSQL stalls, then a query and a transaction end shortly after the timeout, and the pool works once it answers again', async () => {
  await pool.query('SELECT 1'); // a connection is open
  proxy.stall();
  try {
    const query = await elapsed(() => pool.query('SELECT 1'));
    expect(query.outcome).toMatchObject({ status: 503 });
    expect(query.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 2_500);
    const transaction = await elapsed(() => withTransaction(pool, (client) => client.query(`INSERT INTO ${schema}.entry VALUES (1)`)));
    expect(transaction.outcome).toMatchObject({ status: 503 });
    // The connection is discarded, not rolled back (which would wait as long again).
    expect(transaction.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 1_500 + 5_000);
  } finally {
    proxy.resume();
  }
  await waitFor(async () => (await pool.query('SELECT 1').then(() => true, () => false)), 10_000, 'the pool answering again');
});

test('when PostgreSQL restarts under load, then the cut requests answer 503 at once, nothing is written twice, and the same pool recovers', async () => {
  const writes = Array.from({ length: 40 }, (_, i) => i + 100);
  const write = (id: number) => withTransaction(pool, (client) => client.query(`INSERT INTO ${schema}.entry VALUES ($1) ON CONFLICT DO NOTHING`, [id]));
  const load = Promise.all(writes.map((id) => elapsed(() => write(id))));
  await new Promise((resolve) => setTimeout(resolve, 20));
  await proxy.down();
  const refused = await elapsed(() => pool.query('SELECT 1'));
  expect(refused.outcome).toMatchObject({ status: 503 });
  expect(refused.ms).toBeLessThan(2_000);
  const answers = await load;
  expect(answers.every((a) => a.outcome === 'done' || (a.outcome as { status: number }).status === 503)).toBe(true);
  expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5_000 + 1_000); // connecting gives up after 5 s at most
  await proxy.up();
  // The callers retry what failed: every row once.
  for (const [i, answer] of answers.entries()) if (answer.outcome !== 'done') await write(writes[i] as number);
  const { rows } = await pool.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM ${schema}.entry WHERE id >= 100`);
  expect(rows[0]).toEqual({ n: writes.length, d: writes.length });
});
