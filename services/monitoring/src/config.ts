import { baseServiceConfig, env, type z } from '@sozialraum/kit';

export const configSchema = baseServiceConfig.extend({
  PORT: env.port(3001),
  DATABASE_URL: env.url(),
  REDIS_URL: env.url(),
});
export type MonitoringConfig = z.infer<typeof configSchema>;
