import { baseServiceConfig, env, z } from '@sozialraum/kit';

export const configSchema = baseServiceConfig.extend({
  PORT: env.port(3001),
  DATABASE_URL: env.url(),
  REDIS_URL: env.url(),
  /** Only the import routes take it (uploads travel base64-encoded in JSON: a 20 MB shapefile needs about 27 MB). */
  UPLOAD_LIMIT: z.string().default('30mb'),
  /** Run the import and recomputation jobs in this process (turn off for API-only replicas). */
  RUN_JOBS: env.bool(true),
});
export type MonitoringConfig = z.infer<typeof configSchema>;
