import { authFromConfig, type Logger, type ServiceDependencies } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import type { MeasuresConfig } from './config';

export interface MeasuresDependencies extends ServiceDependencies<MeasuresConfig> {
  pool: Pool;
}

export function createDependencies(config: MeasuresConfig, logger: Logger): MeasuresDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'measures' });
  const auth = authFromConfig(config);
  return {
    config,
    logger,
    pool,
    verifier: auth.verifier,
    health: [postgresHealth(pool), auth.health],
    resources: [closePool(pool)],
  };
}
