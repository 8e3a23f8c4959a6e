import type { Background } from '@sozialraum/kit';
import type { MeasuresDependencies } from './dependencies';
import { startOutboxRelay } from './outbox/relay';

/** What the measures service runs beside its API: the outbox relay (events to the cycle workflows). */
export function background(deps: MeasuresDependencies): Background {
  const { config, logger } = deps;
  const resources: Background['resources'] = [];
  if (config.RUN_OUTBOX_RELAY) {
    // Stops after HTTP has drained: its last event is marked or left for the next start.
    resources.push(
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
  return { health: [], resources };
}
