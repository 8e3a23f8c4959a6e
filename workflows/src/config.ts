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
  /** Traces (OpenTelemetry's OTEL_* variables): off unless OTEL_TRACES_EXPORTER is set. */
  ...tracingConfig,
});
export type WorkerConfig = z.infer<typeof configSchema>;
