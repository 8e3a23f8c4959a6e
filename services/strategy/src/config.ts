import { baseServiceConfig, env, z } from '@sozialraum/kit';

export const configSchema = baseServiceConfig.extend({
  PORT: env.port(3002),
  DATABASE_URL: env.url(),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
});
export type StrategyConfig = z.infer<typeof configSchema>;
