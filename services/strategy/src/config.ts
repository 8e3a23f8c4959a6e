import { DEFAULT_TIMINGS, TASK_QUEUE, type CycleTimings } from '@sozialraum/contracts';
import { baseServiceConfig, env, temporalActivityWorkerConfig, temporalTlsConfig, z } from '@sozialraum/kit';

export const configSchema = baseServiceConfig.extend({
  PORT: env.port(3002),
  DATABASE_URL: env.url(),
  /** Notification delivery jobs (BullMQ). */
  REDIS_URL: env.url(),
  /** Prefix of the BullMQ keys; the worker (workflows) must use the same to hand notifications over. */
  REDIS_PREFIX: env.redisPrefix(),
  REDIS_TIMEOUT_MS: env.durationMs(2_000),
  /** Deadline of every call to Temporal a request waits for (below COMPLETION_LEASE_MS); past it 503 with Retry-After. */
  TEMPORAL_TIMEOUT_MS: env.durationMs(10_000),
  /** Deadline of a call to another service (monitoring). */
  SERVICE_TIMEOUT_MS: env.durationMs(10_000),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ...temporalTlsConfig,
  ...temporalActivityWorkerConfig,
  /** Where the cycle workflows run; tests give each file its own queue on the shared dev server. */
  CYCLE_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  MONITORING_URL: env.url().default('http://127.0.0.1:3001'),
  /** Inbox pages kept by task version (0: computed for every request). */
  INBOX_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(500),
  /** The service's own Keycloak client, for calls to other services. */
  KEYCLOAK_CLIENT_ID: z.string().min(1).default('svc-strategy'),
  KEYCLOAK_CLIENT_SECRET: env.secret(),
  /** Where Keycloak's admin REST API is reached for member lookups, when not at KEYCLOAK_URL (e.g. an internal hostname). */
  KEYCLOAK_ADMIN_API_URL: env.url().optional(),
  /** Deadline of one member lookup in Keycloak; past it the request gets 503 with Retry-After. */
  DIRECTORY_TIMEOUT_MS: env.durationMs(3_000),
  /** How long member lookups are reused. */
  DIRECTORY_CACHE_MS: env.durationMs(60_000),
  /** The web app, for the links in notifications and e-mails (`<APP_URL>/aufgaben/<task id>`). */
  APP_URL: env.url().default('http://127.0.0.1:3000'),
  /** E-mail delivery only when set (smtp://user:pass@host:port); otherwise notifications stay in the feed. */
  SMTP_URL: env.url().optional(),
  MAIL_FROM: z.string().min(3).default('sozialraum@localhost'),
  /** Run the cycle's strategy activities in this process (Temporal queue `<CYCLE_TASK_QUEUE>.strategy`; off for API-only replicas). */
  RUN_ACTIVITIES: env.bool(true),
  /** Run notification delivery in this process (turn off for API-only replicas). */
  RUN_JOBS: env.bool(true),
  /** How often undelivered notifications (e.g. written by the workflow's activities) are queued for delivery. */
  NOTIFICATION_RELAY_MS: env.durationMs(10_000),
  /** How long a completion request holds a task before a retry may take it over (after a crash). */
  COMPLETION_LEASE_MS: env.durationMs(15_000),
  /** Cycle timings, so tests and demos run a cycle in seconds; defaults are the real durations. */
  CYCLE_TASK_DUE_MS: env.durationMs(DEFAULT_TIMINGS.taskDueMs),
  CYCLE_REMINDER_BEFORE_MS: env.durationMs(DEFAULT_TIMINGS.reminderBeforeMs),
  CYCLE_ESCALATION_AFTER_MS: env.durationMs(DEFAULT_TIMINGS.escalationAfterMs),
  CYCLE_REPORT_INTERVAL_MS: env.durationMs(DEFAULT_TIMINGS.reportIntervalMs),
  CYCLE_IMPLEMENTATION_MS: env.durationMs(DEFAULT_TIMINGS.implementationMs),
});
export type StrategyConfig = z.infer<typeof configSchema>;

export const cycleTimings = (config: StrategyConfig): CycleTimings => ({
  taskDueMs: config.CYCLE_TASK_DUE_MS,
  reminderBeforeMs: config.CYCLE_REMINDER_BEFORE_MS,
  escalationAfterMs: config.CYCLE_ESCALATION_AFTER_MS,
  reportIntervalMs: config.CYCLE_REPORT_INTERVAL_MS,
  implementationMs: config.CYCLE_IMPLEMENTATION_MS,
});
