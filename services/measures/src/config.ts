import { TASK_QUEUE } from '@sozialraum/contracts';
import { baseServiceConfig, env, temporalTlsConfig, z } from '@sozialraum/kit';

const schema = baseServiceConfig.extend({
  PORT: env.port(3003),
  DATABASE_URL: env.url(),
  MONITORING_URL: env.url().default('http://127.0.0.1:3001'),
  /** The service's own Keycloak client, for calls to the monitoring service. */
  KEYCLOAK_CLIENT_ID: z.string().min(1).default('svc-measures'),
  KEYCLOAK_CLIENT_SECRET: env.secret(),
  /** A measure in progress without a status report for this many days is missing one. */
  REPORT_INTERVAL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Overviews kept in memory by data version and question; 0 computes every request afresh. */
  OVERVIEW_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(200),
  /** The space type an offer's location is placed in. */
  OFFER_SPACE_TYPE: z.enum(['city', 'district', 'social-space', 'planning-area', 'statistical-area']).default('social-space'),
  /** Where the cycle workflows run: this process runs their measures activities on `<CYCLE_TASK_QUEUE>.measures`. */
  CYCLE_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  /** Run the cycle's measures activities in this process (off for API-only replicas). */
  RUN_ACTIVITIES: env.bool(true),
  /** Run the outbox relay in this process (LISTEN/NOTIFY; one relay publishes at a time across replicas). */
  RUN_OUTBOX_RELAY: env.bool(true),
  /** The relay's safety sweep, for a notification lost while its connection was down. */
  OUTBOX_SWEEP_MS: env.durationMs(30_000),
  /** Published events are kept this long (to trace a delivery), then the relay deletes them. */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  /** Failed deliveries of one event (Temporal answering, but not taking it) before it is set aside as a dead letter. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  /** The relay's pause after a failure; an event's own retries double it each time (at most 5 minutes). */
  OUTBOX_RETRY_MS: env.durationMs(2_000),
  /** Deadline of a signal to Temporal; past it the relay tries again later. */
  TEMPORAL_TIMEOUT_MS: env.durationMs(10_000),
  /** Deadline of a call to the monitoring service; past it 503 with Retry-After. */
  SERVICE_TIMEOUT_MS: env.durationMs(10_000),
  /** The relay signals each event to the cycle workflow of the measure's cycle. */
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ...temporalTlsConfig,
});

/**
 * The local stack exports the client secret as KEYCLOAK_SECRET_MEASURES (infra/local/stack.sh); it stands in
 * for KEYCLOAK_CLIENT_SECRET when that is not set, so `npm start` and the e2e tests need no extra variable.
 */
export const configSchema = z.preprocess((input) => {
  const vars = (input ?? {}) as Record<string, unknown>;
  return vars.KEYCLOAK_CLIENT_SECRET === undefined && vars.KEYCLOAK_SECRET_MEASURES !== undefined
    ? { ...vars, KEYCLOAK_CLIENT_SECRET: vars.KEYCLOAK_SECRET_MEASURES }
    : vars;
}, schema);
export type MeasuresConfig = z.infer<typeof schema>;
