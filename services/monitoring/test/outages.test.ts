import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { createRedisConnection } from '@sozialraum/kit/redis';
import { call, createTestDatabase, startTestRedis, type TestRedis, userToken, waitFor } from '@sozialraum/kit/testing';
import { QUEUE_NAME } from '../src/jobs/queue';
import { base64, ensureIndicators, ensureSpaces, type MonitoringService, releaseValues, runId, startMonitoring, waitForImport } from './helpers/monitoring';

/**
 * Redis away, stalled and wiped under the monitoring service, on a Redis server of the test's own (the stack's
 * Redis is shared by the other test files): an upload is accepted and runs once Redis is back, requests that
 * need the queue end at their deadline with 503, reads go on, and two deployments on one Redis keep to their
 * own jobs.
 */
jest.setTimeout(90_000);

const run = runId();
const SPACES = ['TST-OUT-01', 'TST-OUT-02', 'TST-OUT-03'];
const REDIS_TIMEOUT_MS = 1_500;
let redis: TestRedis;
let planer: string;
const services: Array<MonitoringService> = [];

/** A monitoring service on the test's Redis (its own prefix unless given), with short deadlines and a fast sweep. */
async function monitoring(env: Record<string, string> = {}): Promise<MonitoringService> {
  const service = await startMonitoring({
    RUN_JOBS: 'true',
    REDIS_URL: redis.url,
    REDIS_PREFIX: `outages-${run}`,
    REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS),
    IMPORT_SWEEP_MS: '300',
    ...env,
  });
  services.push(service);
  return service;
}

const upload = (release: string, rows: Array<[string, number]>) => ({
  fileName: 'werte.csv',
  format: 'csv',
  content: base64(Buffer.from(['space;period;indicator;value', ...rows.map(([space, value]) => `${space};2024;test.out.count;${value}`)].join('\n'))),
  release: { key: release, title: `Test ${release}` },
  mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'period', indicatorColumn: 'indicator', valueColumn: 'value' },
});
const rows: Array<[string, number]> = SPACES.map((space, i) => [space, 10 + i]);

async function timed(url: string, options: Parameters<typeof call>[1]) {
  const started = Date.now();
  return { ...(await call(url, options)), ms: Date.now() - started };
}

/** Every stored value of the release, and how often each space has one (a doubled import shows here). */
const storedOnce = async (service: MonitoringService, release: string) => {
  const { rows: counts } = await service.deps.pool.query<{ n: number; spaces: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT v.space_id)::int AS spaces FROM indicator_value v JOIN data_release r ON r.id = v.release_id WHERE r.key = $1`,
    [release],
  );
  return counts[0];
};

beforeAll(async () => {
  redis = await startTestRedis();
  planer = await userToken('planer');
});
afterAll(async () => {
  for (const service of services) await service.close().catch(() => undefined);
  await redis.stop();
});

describe('one monitoring service on a Redis that goes away', () => {
  let service: MonitoringService;
  beforeAll(async () => {
    service = await monitoring();
    await ensureSpaces(service.deps.pool, 'statistical-area', SPACES);
    await ensureIndicators(service.deps.pool, [{ key: 'test.out.count', kind: 'count' }]);
  });

  test('when Redis is down, then an upload is accepted at once, waits as queued, and runs once by itself when Redis is back', async () => {
    const release = `test-out-down-${run}`;
    await redis.stop();
    let accepted;
    try {
      accepted = await timed(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: upload(release, rows) });
      expect(accepted.status).toBe(202);
      expect(accepted.ms).toBeLessThan(REDIS_TIMEOUT_MS + 2_000);
      expect(accepted.body.status).toBe('queued');
      // Reads need no Redis, and the process still counts as ready.
      expect((await call(`${service.url}/v1/imports/${accepted.body.id}`, { token: planer })).body.status).toBe('queued');
      expect((await call(`${service.url}/health/ready`)).status).toBe(200);
      const status = await call(`${service.url}/v1/admin/status`, { token: await userToken('it-admin') });
      expect(status.body.dependencies).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'redis', up: false })]));
    } finally {
      await redis.start();
    }
    const done = await waitForImport(service.url, planer, accepted.body.id, undefined, 30_000);
    expect(done).toMatchObject({ status: 'succeeded', imported: 3 });
    expect(await storedOnce(service, release)).toEqual({ n: 3, spaces: 3 });
    expect((await releaseValues(service.deps.pool, release)).get('TST-OUT-02|test.out.count|2024')).toBe(11);
  });

  test('when Redis stalls, then a request that needs the queue answers 503 with Retry-After by its deadline, and reads go on', async () => {
    redis.pause();
    try {
      const recompute = await timed(`${service.url}/v1/jobs/recompute-none`, { token: planer });
      expect(recompute.status).toBe(503);
      expect(recompute.headers.get('retry-after')).toBe('2');
      expect(recompute.body).toMatchObject({ dependency: 'redis' });
      expect(recompute.ms).toBeGreaterThanOrEqual(REDIS_TIMEOUT_MS - 50);
      expect(recompute.ms).toBeLessThan(REDIS_TIMEOUT_MS + 2_000);
      const read = await timed(`${service.url}/v1/imports`, { token: planer });
      expect(read.status).toBe(200);
      expect(read.ms).toBeLessThan(REDIS_TIMEOUT_MS);
    } finally {
      redis.resume();
    }
    await waitFor(async () => (await call(`${service.url}/v1/jobs/recompute-none`, { token: planer })).status === 404, 10_000, 'the queue answering again');
  });
});

test('when Redis loses a queued job (restarted empty), then the sweep queues the import again and it runs once', async () => {
  const deployment = { REDIS_PREFIX: `lost-${run}` };
  const api = await monitoring({ ...deployment, RUN_JOBS: 'false' }); // takes uploads, runs no jobs
  const release = `test-out-lost-${run}`;
  const accepted = await call(`${api.url}/v1/imports/values`, { token: planer, method: 'POST', body: upload(release, rows) });
  expect(accepted.status).toBe(202);
  const handedOff = await api.deps.pool.query(`SELECT handed_off_at IS NOT NULL AS done FROM import WHERE id = $1`, [accepted.body.id]);
  expect(handedOff.rows[0].done).toBe(true);
  await redis.stop(); // the job was in Redis; Redis keeps nothing
  await redis.start();
  expect((await call(`${api.url}/v1/imports/${accepted.body.id}`, { token: planer })).body.status).toBe('queued');
  const runner = await monitoring(deployment); // a replica that runs jobs: its sweep finds the import without a job
  const done = await waitForImport(runner.url, planer, accepted.body.id, undefined, 30_000);
  expect(done).toMatchObject({ status: 'succeeded', imported: 3 });
  expect(await storedOnce(runner, release)).toEqual({ n: 3, spaces: 3 });
});

describe('two deployments sharing one Redis', () => {
  let other: MonitoringService;
  let ours: MonitoringService;

  beforeAll(async () => {
    // The other deployment has a database of its own, as a benchmark next to `npm start` has.
    const database = await createTestDatabase('sozialraum_outages_other');
    execFileSync(process.execPath, [join(__dirname, '..', 'dist', 'migrate.js')], { env: { ...process.env, DATABASE_URL: database, LOG_LEVEL: 'warn' } });
    ours = await monitoring({ REDIS_PREFIX: `ours-${run}` });
    other = await monitoring({ REDIS_PREFIX: `other-${run}`, DATABASE_URL: database });
    for (const service of [ours, other]) {
      await ensureSpaces(service.deps.pool, 'statistical-area', SPACES);
      await ensureIndicators(service.deps.pool, [{ key: 'test.out.count', kind: 'count' }]);
    }
  });

  test('when both take uploads, then each runs only its own imports and none fails', async () => {
    const submitted = await Promise.all(
      [ours, other, ours, other, ours, other].map(async (service, i) => {
        const answer = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: upload(`test-out-shared-${run}-${i}`, rows) });
        expect(answer.status).toBe(202);
        return { service, id: answer.body.id as string };
      }),
    );
    for (const { service, id } of submitted) expect(await waitForImport(service.url, planer, id, undefined, 30_000)).toMatchObject({ status: 'succeeded' });
  });

  test('when a job names an import this deployment does not have, then the job fails loudly with the reason', async () => {
    const connection = createRedisConnection(redis.url, 'producer');
    const queue = new Queue(QUEUE_NAME, { connection, prefix: `ours-${run}` });
    try {
      const job = await queue.add('import-values', { importId: '00000000-0000-4000-8000-000000000000' }, { jobId: `stray-${run}` });
      await waitFor(async () => (await job.isFailed()) || false, 10_000, 'the stray job failed');
      const failed = await queue.getJob(`stray-${run}`);
      expect(failed?.failedReason).toMatch(/import 00000000-0000-4000-8000-000000000000 not found in this deployment's database/);
      expect(failed?.attemptsMade).toBe(1); // not retried: it cannot succeed here
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
