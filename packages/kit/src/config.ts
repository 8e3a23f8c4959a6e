import { z } from 'zod';
import { tracingConfig } from './tracing/config';

/** Thrown when the environment does not satisfy a service's config schema; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once against a schema whose keys are the variable names. */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const given = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
    return given === undefined ? `${variable}: ${issue.message} (not set)` : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** REDIS_PREFIX when none is configured. */
export const DEFAULT_REDIS_PREFIX = 'sozialraum';

/** Building blocks for service config schemas, so each variable is described once. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: () => z.string().url(),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A secret: required, and never shorter than a throwaway value. */
  secret: () => z.string().min(8, 'must be at least 8 characters'),
  durationMs: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  /** Prefix of every Redis key (BullMQ queues): deployments sharing one Redis never take each other's jobs. */
  redisPrefix: () =>
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64')
      .default(DEFAULT_REDIS_PREFIX),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
};

/** The variables every service reads: where it listens and how it verifies Keycloak tokens. */
export const baseServiceConfig = z.object({
  PORT: env.port(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  KEYCLOAK_URL: env.url(),
  KEYCLOAK_REALM: z.string().min(1).default('sozialraum'),
  AUTH_AUDIENCE: z.string().min(1).default('sozialraum-api'),
  SHUTDOWN_TIMEOUT_MS: env.durationMs(10_000),
  BODY_LIMIT: z.string().default('1mb'),
  /** Check every JSON response against the OpenAPI document (the tests turn it on; a mismatch is a 500). */
  VALIDATE_RESPONSES: env.bool(false),
  /** Deadline of a call to Keycloak (signing keys, service tokens); tokens verify with cached keys meanwhile. */
  KEYCLOAK_TIMEOUT_MS: env.durationMs(3_000),
  /** PostgreSQL's statement_timeout on every connection of the service's pool; past it the request gets 503. */
  DATABASE_STATEMENT_TIMEOUT_MS: env.durationMs(30_000),
  /** Requests per user and minute to operations marked `x-expensive` (exports, maps, profiles, uploads); 0: no limit. */
  EXPENSIVE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  /** Traces (OpenTelemetry's OTEL_* variables): off unless OTEL_TRACES_EXPORTER is set. */
  ...tracingConfig,
});
export type BaseServiceConfig = z.infer<typeof baseServiceConfig>;

/**
 * The process's TLS to Temporal's frontend, from files (a Kubernetes Secret mounted as a volume): a client
 * certificate and key (mTLS: the frontend accepts only certificates of its CA, so only our processes reach
 * it), the CA that signed the frontend's certificate, and the name in it. None set: plain gRPC (local stack).
 */
export const temporalTlsConfig = {
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
};

/**
 * A service's activity worker (its `<cycle queue>.<service>` queue). The SDK's defaults are 100 activities at
 * once and 10 long polls; docs/performance.md has what was measured with 1,000 cycles running.
 */
export const temporalActivityWorkerConfig = {
  /** Activities this process runs at once (Temporal's maxConcurrentActivityTaskExecutions). */
  TEMPORAL_ACTIVITY_SLOTS: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Long polls for activity tasks kept open (maxConcurrentActivityTaskPolls); at most TEMPORAL_ACTIVITY_SLOTS. */
  TEMPORAL_ACTIVITY_POLLERS: z.coerce.number().int().min(1).max(1_000).default(10),
};
