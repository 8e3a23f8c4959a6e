import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { HealthCheck } from './health';
import type { Closable } from './lifecycle';

export type { Redis } from 'ioredis';

/**
 * One connection factory with the settings BullMQ asks for in production: workers block on Redis and
 * must retry forever (`maxRetriesPerRequest: null`); producers in a request path fail fast instead of
 * queueing commands while Redis is away (`enableOfflineQueue: false`).
 */
export function createRedisConnection(url: string, purpose: 'worker' | 'producer'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    enableOfflineQueue: purpose === 'worker',
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    connectionName: `sozialraum-${purpose}`,
  });
}

export function redisHealth(redis: Redis): HealthCheck {
  return {
    name: 'redis',
    check: async () => {
      // Right after start the connection may still be opening; the caller's timeout bounds the wait.
      if (redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'wait') await once(redis, 'ready');
      if ((await redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
    },
  };
}

export function closeRedis(redis: Redis, name = 'redis'): Closable {
  return { name, close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}
