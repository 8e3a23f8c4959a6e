import { authFromConfig, createMetricsRegistry, createServiceClient, serviceTokenFromConfig, type Logger, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { createTemporalClient, temporalTls, temporalClientHealth } from '@sozialraum/kit/temporal';
import type { MeasuresConfig } from './config';
import { outboxMetrics } from './outbox/metrics';
import { createOverviewAnswers, type OverviewAnswers } from './use-cases/overview';
import { cycleSignalPublisher, type OutboxPublisher } from './outbox/publisher';
import { type MonitoringApi, monitoringApi } from './use-cases/monitoring';

export interface MeasuresDependencies extends ServiceDependencies<MeasuresConfig> {
  pool: Pool;
  /** The monitoring API, called with the service's own client-credentials token. */
  monitoring: MonitoringApi;
  /** Overviews already computed, by data version (OVERVIEW_CACHE_ENTRIES; 0 turns it off). */
  overviewCache: OverviewAnswers;
  /** Where the outbox relay (started by background()) delivers events. */
  publisher: OutboxPublisher;
}

export interface DependencyOverrides {
  /** Where outbox events go (default: signals to the strategy cycles in Temporal). */
  publisher?: OutboxPublisher;
}

export function createDependencies(config: MeasuresConfig, logger: Logger, overrides: DependencyOverrides = {}): MeasuresDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'measures', statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS });
  const auth = authFromConfig(config);
  const token = serviceTokenFromConfig(config);
  const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, tls: temporalTls(config), timeoutMs: config.TEMPORAL_TIMEOUT_MS });
  const metrics = createMetricsRegistry('measures');
  outboxMetrics(metrics, pool);
  const overviewCache = createOverviewAnswers(pool, config.OVERVIEW_CACHE_ENTRIES, { connectionString: config.DATABASE_URL, logger });
  return {
    config,
    logger,
    pool,
    monitoring: monitoringApi(createServiceClient({ baseUrl: config.MONITORING_URL, token, timeoutMs: config.SERVICE_TIMEOUT_MS })),
    overviewCache,
    publisher: overrides.publisher ?? cycleSignalPublisher(temporal.client, temporal.deadline, logger),
    verifier: auth.verifier,
    health: [postgresHealth(pool), temporalClientHealth(temporal.connection), auth.health],
    metrics,
    resources: [temporal.closable, overviewCache.version.closable, closePool(pool)],
  };
}
