import { Queue, Worker } from 'bullmq';
import { createRedisConnection, redisHealth, closeRedis } from '../src/redis';
import { runHealthChecks } from '../src';
import { stackEnv } from '../src/testing';

describe('Redis and BullMQ kit', () => {
  test('when a job is queued on a producer connection, then a worker connection processes it', async () => {
    const producer = createRedisConnection(stackEnv('REDIS_URL'), 'producer');
    const consumer = createRedisConnection(stackEnv('REDIS_URL'), 'worker');
    const name = `kit-test-${process.pid}`;
    const queue = new Queue(name, { connection: producer });
    const done = new Promise<number>((resolve) => {
      const worker = new Worker(name, async (job) => job.data.a + job.data.b, { connection: consumer });
      worker.on('completed', (_job, result: number) => void worker.close().then(() => resolve(result)));
    });
    await queue.add('sum', { a: 2, b: 3 });
    expect(await done).toBe(5);
    await queue.obliterate({ force: true });
    await queue.close();
    await closeRedis(producer).close();
    await closeRedis(consumer).close();
  });

  test('when Redis cannot be reached, then the health check fails quickly and names redis', async () => {
    const away = createRedisConnection('redis://127.0.0.1:1', 'producer');
    away.on('error', () => undefined);
    const report = await runHealthChecks([redisHealth(away)], 1_000);
    expect(report.ok).toBe(false);
    expect(Object.keys(report.checks)).toEqual(['redis']);
    away.disconnect();
  });
});
