import { env, temporalTlsConfig, tracingConfig, z } from '@sozialraum/kit';

export const configSchema = z.object({
  LOG_LEVEL: env.logLevel(),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ...temporalTlsConfig,
  TASK_QUEUE: z.string().min(1).default('strategy-cycles'),
  /** Port of the worker's own /health/live and /health/ready, for Kubernetes probes. */
  HEALTH_PORT: env.port(3010),
  /** Where the Temporal SDK serves its worker metrics, on loopback; /metrics on HEALTH_PORT includes them. 0: off. */
  TEMPORAL_METRICS_PORT: env.port(9464),
  SHUTDOWN_TIMEOUT_MS: env.durationMs(30_000),
  /** The strategy service's database: the activities write its read model (schema strategy). */
  DATABASE_URL: env.url(),
  /** Notifications are handed to the strategy service's delivery jobs through BullMQ. */
  REDIS_URL: env.url(),
  /** The strategy service's REDIS_PREFIX: its delivery jobs are found under it. */
  REDIS_PREFIX: env.redisPrefix(),
  MONITORING_URL: env.url().default('http://127.0.0.1:3001'),
  /** Proposals, decisions, status reports and evaluations of measures go to the measures service. */
  MEASURES_URL: env.url().default('http://127.0.0.1:3003'),
  /** The worker calls monitoring and measures with its own client-credentials token. */
  KEYCLOAK_URL: env.url(),
  KEYCLOAK_REALM: z.string().min(1).default('sozialraum'),
  KEYCLOAK_CLIENT_ID: z.string().min(1).default('svc-workflows'),
  KEYCLOAK_CLIENT_SECRET: env.secret(),
  /** Traces (OpenTelemetry's OTEL_* variables): off unless OTEL_TRACES_EXPORTER is set. */
  ...tracingConfig,
});
export type WorkerConfig = z.infer<typeof configSchema>;
