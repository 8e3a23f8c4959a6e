import { type Job, Queue, Worker } from 'bullmq';
import { AppError } from '../src';
import { closeRedis, createRedisConnection, type Redis, withQueueDeadline } from '../src/redis';
import { startTestRedis, type TestRedis, waitFor } from '../src/testing';

/** Redis stopped, paused and restarted under the kit's producer settings, on a Redis server of the test's own. */
const TIMEOUT_MS = 500;
let redis: TestRedis;
const connections: Redis[] = [];
const queues: Queue[] = [];

const producer = () => {
  const connection = createRedisConnection(redis.url, 'producer', TIMEOUT_MS);
  connection.on('error', () => undefined);
  connections.push(connection);
  return connection;
};
const queue = (name: string, prefix: string, connection = producer()) =>
  withQueueDeadline(() => {
    const created = new Queue(name, { connection, prefix });
    queues.push(created);
    return created;
  }, TIMEOUT_MS);

/** The time an add took and how it ended. */
async function add(target: Queue, data: object) {
  const started = Date.now();
  const outcome = await target.add('job', data).then(
    () => 'added' as const,
    (error: unknown) => error,
  );
  return { outcome, ms: Date.now() - started };
}

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  for (const q of queues) await q.close().catch(() => undefined);
  for (const c of connections) c.disconnect();
  await redis.stop();
});

test('when Redis is paused, then adding a job fails at its deadline with 503, and works again once Redis resumes', async () => {
  const jobs = queue('paused', 'kit-a');
  expect((await add(jobs, { n: 1 })).outcome).toBe('added');
  redis.pause();
  try {
    const stalled = await add(jobs, { n: 2 });
    expect(stalled.outcome).toBeInstanceOf(AppError);
    expect(stalled.outcome).toMatchObject({ status: 503, retryAfterSeconds: 1, extensions: { dependency: 'redis' } });
    expect(stalled.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS + 1_500);
  } finally {
    redis.resume();
  }
  expect((await add(jobs, { n: 3 })).outcome).toBe('added');
});

test('when Redis is stopped, then adding fails at once; when it is back, the same queue works without a restart', async () => {
  const jobs = queue('stopped', 'kit-a');
  expect((await add(jobs, { n: 1 })).outcome).toBe('added');
  await redis.stop();
  const down = await add(jobs, { n: 2 });
  expect(down.outcome).toMatchObject({ status: 503 });
  expect(down.ms).toBeLessThan(TIMEOUT_MS + 1_500);
  await redis.start();
  await waitFor(async () => (await add(jobs, { n: 3 })).outcome === 'added', 10_000, 'the queue working again');
});

test('when a process starts while Redis is away, then its first add ends at the deadline instead of waiting for Redis', async () => {
  await redis.stop();
  try {
    const jobs = queue('late', 'kit-a');
    const first = await add(jobs, { n: 1 });
    expect(first.outcome).toMatchObject({ status: 503 });
    expect(first.ms).toBeLessThan(TIMEOUT_MS + 1_500);
  } finally {
    await redis.start();
  }
});

test('when Redis stalls while a queue starts, then the queue works again once Redis answers, without a restart', async () => {
  // BullMQ asks Redis for its version once per queue; when that times out, the queue stays broken for good.
  const connection = producer();
  await waitFor(() => connection.status === 'ready', 5_000, 'the connection ready');
  redis.pause();
  let jobs: Queue;
  try {
    jobs = queue('stalled-start', 'kit-a', connection);
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
    expect((await add(jobs, { n: 1 })).outcome).toMatchObject({ status: 503 });
  } finally {
    redis.resume();
  }
  await waitFor(async () => (await add(jobs, { n: 2 })).outcome === 'added', 10_000, 'the queue working again');
});

test('when two deployments with different prefixes share one Redis, then each worker takes only its own jobs', async () => {
  const worked: Record<string, string[]> = { 'deploy-a': [], 'deploy-b': [] };
  const workers = Object.keys(worked).map((prefix) => {
    const connection = createRedisConnection(redis.url, 'worker');
    connection.on('error', () => undefined);
    connections.push(connection);
    return new Worker('monitoring', async (job: Job) => void worked[prefix]?.push(String(job.data.owner)), { connection, prefix });
  });
  try {
    for (let i = 0; i < 5; i++) {
      await queue('monitoring', 'deploy-a').add('import', { owner: 'deploy-a' });
      await queue('monitoring', 'deploy-b').add('import', { owner: 'deploy-b' });
    }
    await waitFor(() => worked['deploy-a']?.length === 5 && worked['deploy-b']?.length === 5, 10_000, 'every job done');
    expect(worked['deploy-a']).toEqual(Array(5).fill('deploy-a'));
    expect(worked['deploy-b']).toEqual(Array(5).fill('deploy-b'));
  } finally {
    for (const worker of workers) await worker.close();
  }
});

test('when closing the connection, then it quits cleanly', async () => {
  const connection = producer();
  await expect(closeRedis(connection).close()).resolves.toBeUndefined();
});
