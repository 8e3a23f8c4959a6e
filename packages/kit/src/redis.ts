import { once } from 'node:events';
import type { Context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { type Job, type Span, type Telemetry, UnrecoverableError, Worker } from 'bullmq';
import type * as BullMqOtel from 'bullmq-otel';
import { Redis } from 'ioredis';
import { PermanentFailure } from './errors';
import { type HealthCheck, withTimeout } from './health';
import type { Closable } from './lifecycle';
import type { Logger } from './logger';
import { dependencyOutage, dependencyUnavailable, retryAfterFor } from './outage';
import { activeTracing } from './tracing/state';

export type { Redis } from 'ioredis';

/** Deadline of one Redis command in a request path, unless the process configures another (REDIS_TIMEOUT_MS). */
export const DEFAULT_REDIS_TIMEOUT_MS = 2_000;

/**
 * One connection factory with the settings BullMQ asks for in production: workers block on Redis and
 * must retry forever (`maxRetriesPerRequest: null`); producers in a request path fail fast instead of
 * queueing commands while Redis is away (`enableOfflineQueue: false`), and give up on a command Redis does
 * not answer within `timeoutMs` (a stalled Redis keeps the connection open but never replies).
 */
export function createRedisConnection(url: string, purpose: 'worker' | 'producer', timeoutMs = DEFAULT_REDIS_TIMEOUT_MS): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    enableOfflineQueue: purpose === 'worker',
    ...(purpose === 'producer' ? { commandTimeout: timeoutMs, connectTimeout: timeoutMs } : {}),
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    connectionName: `sozialraum-${purpose}`,
  });
}

/** The queue operations a request may wait for; `close` and the like are not bounded. */
const boundedOperations = new Set(['add', 'addBulk', 'getJob', 'getJobs', 'getJobCounts', 'getJobState', 'upsertJobScheduler', 'waitUntilReady']);

/** What the kit needs of a BullMQ queue: its client (a promise that rejects for good if BullMQ's start failed). */
interface StartingQueue {
  readonly client: Promise<unknown>;
  close(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The queue with a deadline on every operation a request waits for. BullMQ waits for Redis's first "ready"
 * without any limit (a service started while Redis is away would hang its requests): past `timeoutMs` the
 * caller gets 503 with Retry-After. An `add` that is late may still land once Redis answers: give jobs an ID
 * that makes a second one a no-op where that matters.
 *
 * `make` is called again when BullMQ's start failed: it asks Redis for its version once per queue, and
 * when that times out (Redis stalled, or slow under load) the queue would answer 503 for the rest of the
 * process's life.
 */
export function withQueueDeadline<Q extends StartingQueue>(make: () => Q, timeoutMs = DEFAULT_REDIS_TIMEOUT_MS, onError: (error: Error) => void = () => undefined): Q {
  const late = () =>
    dependencyUnavailable('redis', `The job queue (Redis) is away or did not answer within ${timeoutMs} ms; try again shortly.`, { retryAfterSeconds: retryAfterFor(timeoutMs) });
  let closed = false;
  let current = make();
  const replaceWhenStartFails = (queue: Q) => {
    queue.on('error', onError); // an EventEmitter's 'error' without a listener would end the process
    queue.client.catch(() => {
      // Not at once: a stalled Redis would fail every new start too.
      setTimeout(() => {
        if (closed || current !== queue) return;
        void queue.close().catch(() => undefined);
        current = make();
        replaceWhenStartFails(current);
      }, Math.max(timeoutMs, 1_000)).unref();
    });
  };
  replaceWhenStartFails(current);
  return new Proxy(current, {
    get(_target, property) {
      if (property === 'close') closed = true;
      const queue = current;
      const value: unknown = Reflect.get(queue, property, queue);
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(queue);
      if (!boundedOperations.has(String(property))) return bound;
      return (...args: unknown[]) =>
        withTimeout(Promise.resolve(bound(...args)), timeoutMs, late).catch((error: unknown) => {
          throw dependencyOutage(error) ? late() : error; // Redis gone: the same answer as Redis late
        });
    },
  });
}

/** A worker's polling: a trace of its own every few seconds (and its Redis commands) would bury the jobs. */
const POLLING = /^(getNextJob|moveStalledJobsToWait|startStalledCheckTimer|rateLimit)( |$)/;
const untraced: Span<Context> = {
  setSpanOnContext: (context) => suppressTracing(context),
  setAttribute: () => undefined,
  setAttributes: () => undefined,
  addEvent: () => undefined,
  recordException: () => undefined,
  end: () => undefined,
};

/**
 * For every BullMQ Queue and Worker's options: with tracing on, a job carries the trace of whoever added it
 * and is processed in a span of that trace (BullMQ's OpenTelemetry add-on; its workers' polling is not
 * traced); with tracing off, nothing.
 */
export function queueTelemetry(): { telemetry?: Telemetry<Context> } {
  if (!activeTracing()) return {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BullMQOtel } = require('bullmq-otel') as typeof BullMqOtel;
  const { tracer, contextManager } = new BullMQOtel('sozialraum');
  return { telemetry: { contextManager, tracer: { startSpan: (name, options, context) => (POLLING.test(name) ? untraced : tracer.startSpan(name, options, context)) } } };
}

/**
 * A BullMQ worker for a service's queue: traced like the queue (queueTelemetry), failures logged as errors
 * (`<label> failed`, `<label> worker error`). Work that throws the kit's PermanentFailure ends its job at once,
 * without BullMQ's retries (UnrecoverableError): use cases say what cannot succeed, the worker says it to BullMQ.
 */
export function startQueueWorker(
  options: { queue: string; connection: Redis; prefix: string; concurrency: number; logger: Logger; label: string },
  work: (job: Job) => Promise<unknown>,
): Worker {
  const { logger, label } = options;
  const worker = new Worker(
    options.queue,
    (job) =>
      work(job).catch((error: unknown) => {
        throw error instanceof PermanentFailure ? new UnrecoverableError(error.message) : error;
      }),
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency, ...queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, failedReason: job?.failedReason }, `${label} failed`));
  worker.on('error', (error) => logger.error({ err: error }, `${label} worker error`));
  return worker;
}

/** Not essential: a service serves what needs no queue while Redis is away (status and metrics show it). */
export function redisHealth(redis: Redis): HealthCheck {
  return {
    name: 'redis',
    check: async () => {
      // Right after start the connection may still be opening; the caller's timeout bounds the wait.
      if (redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'wait') await once(redis, 'ready');
      if ((await redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
    },
  };
}

export function closeRedis(redis: Redis, name = 'redis'): Closable {
  return { name, close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}
