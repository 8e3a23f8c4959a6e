import { activityQueue } from '@sozialraum/contracts';
import type { Background } from '@sozialraum/kit';
import { startServiceActivityWorker } from '@sozialraum/kit/temporal';
import { cycleEvidenceActivities } from './activities/cycle-evidence.activities';
import type { MonitoringDependencies } from './dependencies';

/**
 * What the monitoring service runs beside its API: the Temporal worker for its part of the strategy cycles
 * (queue `<cycle queue>.monitoring`): evidence snapshots, the before/after comparison, the alert hand-over.
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
  return background;
}
