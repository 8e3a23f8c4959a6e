import { activityQueue } from '@sozialraum/contracts';
import type { Background } from '@sozialraum/kit';
import { startServiceActivityWorker } from '@sozialraum/kit/temporal';
import { cycleMeasureActivities } from './activities/cycle-measures.activities';
import type { MeasuresDependencies } from './dependencies';
import { startOutboxRelay } from './outbox/relay';

/**
 * What the measures service runs beside its API: the Temporal worker for the cycle's measures activities
 * (queue `<cycle queue>.measures`), which go through the same use cases, transactions and outbox as the API,
 * and the outbox relay (events to the cycle workflows).
 */
export async function background(deps: MeasuresDependencies): Promise<Background> {
  const { config, logger } = deps;
  const background: Background = { health: [], resources: [] };
  if (config.RUN_ACTIVITIES) {
    const activities = cycleMeasureActivities({ pool: deps.pool, monitoring: deps.monitoring, reportIntervalDays: config.REPORT_INTERVAL_DAYS });
    const worker = await startServiceActivityWorker(config, { logger, taskQueue: activityQueue(config.CYCLE_TASK_QUEUE, 'measures'), activities, registry: deps.metrics });
    background.health.push(worker.health);
    background.resources.push(worker.closable);
  }
  if (config.RUN_OUTBOX_RELAY) {
    // Stops after HTTP and the worker have drained: its last event is marked or left for the next start.
    background.resources.push(
      startOutboxRelay({
        databaseUrl: config.DATABASE_URL,
        publisher: deps.publisher,
        logger,
        sweepMs: config.OUTBOX_SWEEP_MS,
        retryMs: config.OUTBOX_RETRY_MS,
        maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
        retentionDays: config.OUTBOX_RETENTION_DAYS,
      }),
    );
  }
  return background;
}
