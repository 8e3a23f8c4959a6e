import { authFromConfig, type Logger, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { createTemporalClient, temporalClientHealth } from '@sozialraum/kit/temporal';
import type { Client } from '@temporalio/client';
import type { StrategyConfig } from './config';

export interface StrategyDependencies extends ServiceDependencies<StrategyConfig> {
  pool: Pool;
  /** Starts cycles and sends task completions to them as updates. */
  temporal: Client;
}

export function createDependencies(config: StrategyConfig, logger: Logger): StrategyDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'strategy' });
  const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE });
  const auth = authFromConfig(config);
  return {
    config,
    logger,
    pool,
    temporal: temporal.client,
    verifier: auth.verifier,
    health: [postgresHealth(pool), temporalClientHealth(temporal.connection), auth.health],
    resources: [temporal.closable, closePool(pool)],
  };
}
