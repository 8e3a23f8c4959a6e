import { activityQueue } from '@sozialraum/contracts';
import type { Background } from '@sozialraum/kit';
import { closeRedis, createRedisConnection } from '@sozialraum/kit/redis';
import { startServiceActivityWorker } from '@sozialraum/kit/temporal';
import { cycleEvidenceActivities } from './activities/cycle-evidence.activities';
import type { MonitoringDependencies } from './dependencies';
import { exportJobs } from './jobs/exports.jobs';
import { methodJobs } from './jobs/methods.jobs';
import { profileJobs } from './jobs/profiles.jobs';
import { closeJobWorker, startJobWorker } from './jobs/queue';
import { spaceJobs } from './jobs/spaces.jobs';
import { valueJobs } from './jobs/values.jobs';
import { startImportSweep } from './use-cases/import-hand-off';
import { queueMissingDisclosedRuns } from './use-cases/recompute-queue';

/**
 * What the monitoring service runs beside its API: the Temporal worker for its part of the strategy cycles
 * (queue `<cycle queue>.monitoring`): evidence snapshots, the before/after comparison, the alert hand-over;
 * and its jobs (BullMQ: imports, recomputation, exports, the profiles' snapshot) with the import sweep and
 * the start-up recomputation of methods that lack disclosed results.
 */
export async function background(deps: MonitoringDependencies): Promise<Background> {
  const { config, logger } = deps;
  const background: Background = { health: [], resources: [] };
  if (config.RUN_ACTIVITIES) {
    const activities = cycleEvidenceActivities({ pool: deps.pool, peerStatisticsCache: deps.peerStatisticsCache, logger });
    const worker = await startServiceActivityWorker(config, { logger, taskQueue: activityQueue(config.CYCLE_TASK_QUEUE, 'monitoring'), activities, registry: deps.metrics });
    background.health.push(worker.health);
    background.resources.push(worker.closable);
  }
  if (config.RUN_JOBS) {
    const consumer = createRedisConnection(config.REDIS_URL, 'worker');
    const work = { ...spaceJobs(deps), ...valueJobs(deps), ...methodJobs(deps), ...exportJobs(deps), ...profileJobs(deps) };
    const worker = startJobWorker(consumer, config.REDIS_PREFIX, work, logger);
    void queueMissingDisclosedRuns(deps.jobs, deps.pool, logger);
    // The sweep stops first (it adds jobs), then the worker finishes its job; the queue closes with the dependencies.
    background.resources.push(startImportSweep(deps.pool, deps.jobs, logger, config.IMPORT_SWEEP_MS), closeJobWorker(worker), closeRedis(consumer, 'redis-jobs'));
  }
  return background;
}
