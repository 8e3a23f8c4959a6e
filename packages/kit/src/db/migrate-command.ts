import { z } from 'zod';
import { loadConfigOrExit } from '../service';
import { createLogger } from '../logger';
import { migrate } from './migrate';

export { migrate, type MigrateOptions } from './migrate';

/** The body of every service's `migrate` entry point (a Kubernetes Job or init container runs it). */
export function runMigrationsCommand(options: { service: string; schema: string; dir: string }): void {
  const config = loadConfigOrExit(
    options.service,
    z.object({ DATABASE_URL: z.string().url(), LOG_LEVEL: z.string().default('info') }),
  );
  const logger = createLogger({ name: `${options.service}-migrate`, level: config.LOG_LEVEL });
  migrate({ databaseUrl: config.DATABASE_URL, schema: options.schema, dir: options.dir, logger }).then(
    () => process.exit(0),
    (error: unknown) => {
      logger.fatal({ err: error }, 'migration failed');
      process.exit(1);
    },
  );
}
