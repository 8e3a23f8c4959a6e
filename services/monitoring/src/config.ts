import { TASK_QUEUE } from '@sozialraum/contracts';
import { baseServiceConfig, env, temporalTlsConfig, z } from '@sozialraum/kit';

export const configSchema = baseServiceConfig.extend({
  PORT: env.port(3001),
  DATABASE_URL: env.url(),
  REDIS_URL: env.url(),
  /**
   * Largest file a form upload (multipart) of the import routes may bring. It is spooled to disk and a CSV is
   * read as a stream, so this bounds disk and database space, not memory: 256 MB is ~40M values in the wide layout.
   */
  UPLOAD_LIMIT: z.string().default('256mb'),
  /**
   * Largest upload that is read whole into memory: a JSON body (the file base64-encoded: a 20 MB shapefile
   * needs about 27 MB), a previewed XLSX workbook, a GeoJSON or shapefile. CSV and XLSX imports stream.
   */
  UPLOAD_IN_MEMORY_LIMIT: z.string().default('30mb'),
  /** Where form uploads are spooled while their request runs (default: the OS's temporary directory). */
  UPLOAD_DIR: z.string().min(1).optional(),
  /** Prefix of the service's BullMQ keys: deployments sharing one Redis never take each other's jobs. */
  REDIS_PREFIX: env.redisPrefix(),
  /** Deadline of a queue call in a request; past it 503 (an upload is still accepted and handed off later). */
  REDIS_TIMEOUT_MS: env.durationMs(2_000),
  /** How often imports accepted while Redis was away (or whose job Redis lost) are handed to the queue. */
  IMPORT_SWEEP_MS: env.durationMs(30_000),
  /** Exports of more values than this are not answered within the request: they run as a job (POST /v1/exports). */
  EXPORT_DIRECT_MAX_VALUES: z.coerce.number().int().min(1).default(200_000),
  /** Run the import and recomputation jobs in this process (turn off for API-only replicas). */
  RUN_JOBS: env.bool(true),
  /** Run monitoring's part of the strategy cycles in this process (Temporal queue `<CYCLE_TASK_QUEUE>.monitoring`; off for API-only replicas). */
  RUN_ACTIVITIES: env.bool(true),
  /** Where the cycle workflows run; tests give each file its own queue on the shared dev server. */
  CYCLE_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  ...temporalTlsConfig,
  /**
   * Peer statistics of the space profile kept per data version, by audience and space type (0: computed for every
   * request); only used until a version's snapshot is complete, and ~0.2–0.4 GB each at 975,600 values: the two audiences.
   */
  PROFILE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100).default(2),
  /** Megabytes of profile snapshot rows kept per process, by version, audience and space (~0.3 MB a space at 100 indicators × 18 years; 0: read each time). */
  PROFILE_ROWS_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Serialised maps kept per data version, by question (0: built for every request). A detailed 542-area map is ~MBs. */
  MAP_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1000).default(20),
});
export type MonitoringConfig = z.infer<typeof configSchema>;
