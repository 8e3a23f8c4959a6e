import { authFromConfig, type Logger, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection, redisHealth, type Redis } from '@sozialraum/kit/redis';
import type { MonitoringConfig } from './config';

export interface MonitoringDependencies extends ServiceDependencies<MonitoringConfig> {
  pool: Pool;
  /** Producer connection for the import and recomputation queues. */
  redis: Redis;
}

export function createDependencies(config: MonitoringConfig, logger: Logger): MonitoringDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'monitoring' });
  const redis = createRedisConnection(config.REDIS_URL, 'producer');
  const auth = authFromConfig(config);
  return {
    config,
    logger,
    pool,
    redis,
    verifier: auth.verifier,
    health: [postgresHealth(pool), redisHealth(redis), auth.health],
    resources: [closeRedis(redis), closePool(pool)],
  };
}
