import { env, z } from '@sozialraum/kit';

/** The web server's environment. The Keycloak URL is the one the browser reaches (it may differ from the cluster-internal one). */
export const configSchema = z.object({
  PORT: env.port(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  SHUTDOWN_TIMEOUT_MS: env.durationMs(10_000),
  MONITORING_URL: env.url().default('http://127.0.0.1:3001'),
  STRATEGY_URL: env.url().default('http://127.0.0.1:3002'),
  MEASURES_URL: env.url().default('http://127.0.0.1:3003'),
  /** Longest an API call may take before the browser gets 504 (uploads and exports included). */
  PROXY_TIMEOUT_MS: env.durationMs(60_000),
  KEYCLOAK_URL: env.url(),
  KEYCLOAK_REALM: z.string().min(1).default('sozialraum'),
  OIDC_CLIENT_ID: z.string().min(1).default('sozialraum-web'),
  /** The built app (vite build's output); the default is where the build puts it. */
  STATIC_DIR: z.string().optional(),
});
export type WebConfig = z.infer<typeof configSchema>;
