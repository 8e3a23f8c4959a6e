import { authFromConfig, createMetricsRegistry, createVersionedCache, type Logger, queueMetrics, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection, redisHealth } from '@sozialraum/kit/redis';
import type { Queue } from 'bullmq';
import type { MonitoringConfig } from './config';
import { methodJobs } from './jobs/methods.jobs';
import { closeJobs, createJobQueue, startJobWorker } from './jobs/queue';
import { spaceJobs } from './jobs/spaces.jobs';
import { valueJobs } from './jobs/values.jobs';
import { profileJobs } from './jobs/profiles.jobs';
import { queueMissingDisclosedRuns } from './use-cases/recompute-queue';
import { exportJobs } from './jobs/exports.jobs';
import { startImportSweep } from './use-cases/import-hand-off';
import type { PeerStatisticsCache } from './use-cases/peer-statistics';
import { createProfileRowsCache, type ProfileRowsCache } from './use-cases/profile-rows-cache';
import { createMapAnswers, type MapAnswers } from './use-cases/spaces-map';

export interface MonitoringDependencies extends ServiceDependencies<MonitoringConfig> {
  pool: Pool;
  /** The service's background-job queue (imports, recomputation, alert evaluation). */
  jobs: Queue;
  /** Peer statistics of the space profile by data version (use-cases/peer-statistics.ts). */
  peerStatisticsCache: PeerStatisticsCache;
  /** The profile snapshot's rows of recently read spaces (use-cases/profile-rows-cache.ts). */
  profileRowsCache: ProfileRowsCache;
  /** Maps kept as bytes by data and results version, and those versions as of now (use-cases/spaces-map.ts). */
  maps: MapAnswers;
}

export function createDependencies(config: MonitoringConfig, logger: Logger): MonitoringDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'monitoring', statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS });
  const producer = createRedisConnection(config.REDIS_URL, 'producer', config.REDIS_TIMEOUT_MS);
  const jobs = createJobQueue(producer, config.REDIS_PREFIX, config.REDIS_TIMEOUT_MS);
  const auth = authFromConfig(config);
  const metrics = createMetricsRegistry('monitoring');
  queueMetrics(metrics, [jobs]);
  const deps: MonitoringDependencies = {
    config,
    logger,
    pool,
    jobs,
    peerStatisticsCache: createVersionedCache(config.PROFILE_CACHE_ENTRIES),
    profileRowsCache: createProfileRowsCache(config.PROFILE_ROWS_CACHE_MB * 1_000_000),
    maps: createMapAnswers(pool, config.MAP_CACHE_ENTRIES),
    queues: [jobs],
    verifier: auth.verifier,
    health: [postgresHealth(pool), redisHealth(producer), auth.health],
    metrics,
    resources: [],
  };
  const consumer = config.RUN_JOBS ? createRedisConnection(config.REDIS_URL, 'worker') : undefined;
  const worker = consumer
    ? startJobWorker(consumer, config.REDIS_PREFIX, { ...spaceJobs(deps), ...valueJobs(deps), ...methodJobs(deps), ...exportJobs(deps), ...profileJobs(deps) }, logger)
    : undefined;
  if (worker) void queueMissingDisclosedRuns(jobs, pool, logger);
  const sweep = worker ? [startImportSweep(pool, jobs, logger, config.IMPORT_SWEEP_MS)] : [];
  deps.resources.push(...sweep, closeJobs(jobs, worker), ...(consumer ? [closeRedis(consumer, 'redis-jobs')] : []), closeRedis(producer), closePool(pool));
  return deps;
}
