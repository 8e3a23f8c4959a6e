import { authFromConfig, createMetricsRegistry, createServiceClient, queueMetrics, serviceTokenFromConfig, type Logger, type ServiceDependencies, type TypedServiceClient, typedServiceClient } from '@sozialraum/kit';
import { closePool, createPool, postgresHealth, type Pool } from '@sozialraum/kit/db';
import { closeRedis, createRedisConnection, redisHealth } from '@sozialraum/kit/redis';
import { createTemporalClient, temporalTls, type TemporalDeadline, temporalClientHealth } from '@sozialraum/kit/temporal';
import type { Client } from '@temporalio/client';
import { createTransport } from 'nodemailer';
import type { StrategyConfig } from './config';
import { createKeycloakDirectory, type Directory } from './data/directory';
import { taskMetrics } from './metrics/tasks';
import { createInboxCache, type InboxCache } from './use-cases/tasks';
import { closeQueue, createNotificationQueue, notifier, type Notify } from './jobs/notifications';
import type { Mail } from './use-cases/deliver';
import type { Queue } from 'bullmq';
import type { paths as MonitoringPaths } from './generated/monitoring';

export interface StrategyDependencies extends ServiceDependencies<StrategyConfig> {
  pool: Pool;
  /** Starts cycles and sends task completions to them as updates. */
  temporal: Client;
  /** Every Temporal call a request waits for runs under it (TEMPORAL_TIMEOUT_MS; past it 503 with Retry-After). */
  temporalDeadline: TemporalDeadline;
  /** The monitoring API (typed from its OpenAPI document), called with the service's own client-credentials token. */
  monitoring: TypedServiceClient<MonitoringPaths>;
  /** Queues delivery of notifications the API itself wrote (delegations). */
  notify: Notify;
  /** The delivery queue; background() runs its worker. */
  notificationQueue: Queue;
  /** E-mail delivery, when SMTP_URL is set. */
  mail?: Mail;
  /** Members of candidate groups, from Keycloak's admin API (delegation, e-mail delivery). */
  directory: Directory;
  /** Inbox pages by task version and question (see use-cases/tasks.ts). */
  inboxCache: InboxCache;
}

export function createDependencies(config: StrategyConfig, logger: Logger): StrategyDependencies {
  const pool = createPool({ connectionString: config.DATABASE_URL, schema: 'strategy', statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS });
  const temporal = createTemporalClient({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, tls: temporalTls(config), timeoutMs: config.TEMPORAL_TIMEOUT_MS });
  const producer = createRedisConnection(config.REDIS_URL, 'producer', config.REDIS_TIMEOUT_MS);
  const queue = createNotificationQueue(producer, config.REDIS_PREFIX, config.REDIS_TIMEOUT_MS, logger);
  const auth = authFromConfig(config);
  const metrics = createMetricsRegistry('strategy');
  queueMetrics(metrics, [queue]);
  taskMetrics(metrics, pool);
  const token = serviceTokenFromConfig(config);
  const directory = createKeycloakDirectory({
    baseUrl: config.KEYCLOAK_ADMIN_API_URL ?? config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    token,
    timeoutMs: config.DIRECTORY_TIMEOUT_MS,
    cacheMs: config.DIRECTORY_CACHE_MS,
    logger,
  });
  const inboxCache = createInboxCache(pool, config.INBOX_CACHE_ENTRIES, { connectionString: config.DATABASE_URL, logger });
  const mail = config.SMTP_URL ? { transport: createTransport(config.SMTP_URL), from: config.MAIL_FROM } : undefined;
  return {
    config,
    logger,
    pool,
    temporal: temporal.client,
    temporalDeadline: temporal.deadline,
    monitoring: typedServiceClient<MonitoringPaths>(createServiceClient({ baseUrl: config.MONITORING_URL, token, timeoutMs: config.SERVICE_TIMEOUT_MS })),
    notify: notifier(queue, logger),
    notificationQueue: queue,
    ...(mail ? { mail } : {}),
    directory,
    inboxCache,
    verifier: auth.verifier,
    health: [postgresHealth(pool), temporalClientHealth(temporal.connection), redisHealth(producer), auth.health],
    metrics,
    queues: [queue],
    resources: [
      closeQueue(queue),
      closeRedis(producer),
      temporal.closable,
      inboxCache.version.closable,
      closePool(pool),
    ],
  };
}
