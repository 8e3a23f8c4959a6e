import { baseServiceConfig, env, type z } from '@sozialraum/kit';

export const configSchema = baseServiceConfig.extend({
  PORT: env.port(3003),
  DATABASE_URL: env.url(),
});
export type MeasuresConfig = z.infer<typeof configSchema>;
