import { authFromConfig, createMetricsRegistry, createVersionedCache, type Logger, queueMetrics, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection, redisHealth } from '@sozialraum/kit/redis';
import type { MonitoringConfig } from './config';
import type { JobQueue } from './domain/ports/job-queue';
import { methodJobs } from './jobs/methods.jobs';
import { closeJobs, createBullQueue, jobQueue, startJobWorker } from './jobs/queue';
import { spaceJobs } from './jobs/spaces.jobs';
import { valueJobs } from './jobs/values.jobs';
import { profileJobs } from './jobs/profiles.jobs';
import { queueMissingDisclosedRuns } from './use-cases/recompute-queue';
import { exportJobs } from './jobs/exports.jobs';
import { startImportSweep } from './use-cases/import-hand-off';
import type { PeerStatisticsCache } from './use-cases/peer-statistics';
import type { MapCache } from './use-cases/spaces-map';

export interface MonitoringDependencies extends ServiceDependencies<MonitoringConfig> {
  pool: Pool;
  /** The service's background-job queue (imports, recomputation, alert evaluation), as the use cases see it. */
  jobs: JobQueue;
  /** Peer statistics of the space profile by data version (use-cases/peer-statistics.ts). */
  peerStatisticsCache: PeerStatisticsCache;
  /** Serialised maps by data version (use-cases/spaces-map.ts). */
  mapCache: MapCache;
}

export function createDependencies(config: MonitoringConfig, logger: Logger): MonitoringDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'monitoring', statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS });
  const producer = createRedisConnection(config.REDIS_URL, 'producer', config.REDIS_TIMEOUT_MS);
  // BullMQ stays here and in jobs/: the use cases get the port (domain/ports/job-queue).
  const queue = createBullQueue(producer, config.REDIS_PREFIX, config.REDIS_TIMEOUT_MS);
  const jobs = jobQueue(queue);
  const auth = authFromConfig(config);
  const metrics = createMetricsRegistry('monitoring');
  queueMetrics(metrics, [queue]);
  const deps: MonitoringDependencies = {
    config,
    logger,
    pool,
    jobs,
    peerStatisticsCache: createVersionedCache(config.PROFILE_CACHE_ENTRIES),
    mapCache: createVersionedCache(config.MAP_CACHE_ENTRIES),
    queues: [queue],
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
  deps.resources.push(...sweep, closeJobs(queue, worker), ...(consumer ? [closeRedis(consumer, 'redis-jobs')] : []), closeRedis(producer), closePool(pool));
  return deps;
}
