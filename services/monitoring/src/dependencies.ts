import { authFromConfig, createMetricsRegistry, createVersionedCache, type Logger, queueMetrics, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection, redisHealth } from '@sozialraum/kit/redis';
import type { MonitoringConfig } from './config';
import type { JobQueue } from './domain/ports/job-queue';
import { closeJobQueue, createBullQueue, jobQueue } from './jobs/queue';
import type { PeerStatisticsCache } from './use-cases/peer-statistics';
import { createProfileRowsCache, type ProfileRowsCache } from './use-cases/profile';
import { createMapAnswers, type MapAnswers } from './use-cases/map-answers';

export interface MonitoringDependencies extends ServiceDependencies<MonitoringConfig> {
  pool: Pool;
  /** The service's background-job queue (imports, recomputation, alert evaluation), as the use cases see it; background() runs its worker. */
  jobs: JobQueue;
  /** Peer statistics of the space profile by data version (use-cases/peer-statistics.ts). */
  peerStatisticsCache: PeerStatisticsCache;
  /** The profile snapshot's rows of recently read spaces (use-cases/profile.ts). */
  profileRowsCache: ProfileRowsCache;
  /** Maps kept as bytes by data and results version, and those versions as of now (use-cases/map-answers.ts). */
  maps: MapAnswers;
}

export function createDependencies(config: MonitoringConfig, logger: Logger): MonitoringDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'monitoring', statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS });
  const producer = createRedisConnection(config.REDIS_URL, 'producer', config.REDIS_TIMEOUT_MS);
  // BullMQ stays here and in jobs/: the use cases get the port (domain/ports/job-queue).
  const queue = createBullQueue(producer, config.REDIS_PREFIX, config.REDIS_TIMEOUT_MS, logger);
  const auth = authFromConfig(config);
  const metrics = createMetricsRegistry('monitoring');
  queueMetrics(metrics, [queue]);
  const maps = createMapAnswers(pool, config.MAP_CACHE_ENTRIES, { connectionString: config.DATABASE_URL, logger });
  return {
    config,
    logger,
    pool,
    jobs: jobQueue(queue),
    peerStatisticsCache: createVersionedCache(config.PROFILE_CACHE_ENTRIES),
    profileRowsCache: createProfileRowsCache(config.PROFILE_ROWS_CACHE_MB * 1_000_000),
    maps,
    queues: [queue],
    verifier: auth.verifier,
    health: [postgresHealth(pool), redisHealth(producer), auth.health],
    metrics,
    resources: [closeJobQueue(queue), closeRedis(producer), maps.version.closable, closePool(pool)],
  };
}
