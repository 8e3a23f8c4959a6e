import { AppError, type Closable, dependencyOutage, type Logger } from '@sozialraum/kit';
import { createPool, type PoolClient } from '@sozialraum/kit/db';
import { deletePublishedBefore, markPublished, nextRetryIn, OUTBOX_CHANNEL, recordFailure, unpublished } from '../data/outbox.repository';
import type { OutboxPublisher } from './publisher';

export interface OutboxRelayOptions {
  databaseUrl: string;
  publisher: OutboxPublisher;
  logger: Logger;
  /** The safety sweep: a notification can be missed while the connection is down. */
  sweepMs: number;
  /** Published events older than this many days are deleted by the leader (default 14). */
  retentionDays?: number;
  /** How long to wait before retrying after the publisher or the database failed (an event's own retries double it). */
  retryMs?: number;
  /** Failed deliveries of one event before it is set aside as a dead letter (default 10). */
  maxAttempts?: number;
  batchSize?: number;
}

/** Temporal (or the database) away: every event would fail alike, so none is counted against its attempts. */
const isOutage = (error: unknown) => (error instanceof AppError && error.status === 503) || dependencyOutage(error) !== undefined;

export interface OutboxRelay extends Closable {
  /** Publishes what is waiting now (the relay does this by itself when notified). */
  drain(): Promise<void>;
}

/**
 * Delivers the outbox in id order. It LISTENs on the outbox channel (the table's trigger notifies at commit)
 * and sweeps now and then; one relay across all replicas publishes at a time (a session advisory lock on its
 * connection, released when the process or the connection dies). An event is marked published right after the
 * publisher accepted it; a crash between the two delivers it once more; none is lost. When Temporal is away
 * the relay stops and tries again; an event that fails by itself waits for its own retry while the events
 * behind it go on, and after `maxAttempts` it is a dead letter (`dead_at`, `outbox_dead_events`).
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { publisher, logger } = options;
  const retryMs = options.retryMs ?? 2_000;
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 10;
  const retentionDays = options.retentionDays ?? 14;
  // Its own connection: it holds the LISTEN and the leader lock for the relay's life.
  const pool = createPool({ connectionString: options.databaseUrl, schema: 'measures', max: 1, applicationName: 'measures-outbox' });
  let client: PoolClient | undefined;
  let leader = false;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let retry: NodeJS.Timeout | undefined;

  const later = (what: () => void, ms: number) => {
    clearTimeout(retry);
    retry = setTimeout(what, ms);
    retry.unref();
  };

  const connect = async (): Promise<PoolClient> => {
    if (client) return client;
    const fresh = await pool.connect();
    fresh.on('notification', () => void wake());
    fresh.on('error', (error) => {
      logger.warn({ err: error }, 'outbox relay connection lost; reconnecting');
      if (client === fresh) {
        client = undefined;
        leader = false;
        fresh.release(error);
      }
      if (!stopped) later(() => void wake(), retryMs);
    });
    await fresh.query(`LISTEN ${OUTBOX_CHANNEL}`);
    client = fresh;
    return fresh;
  };

  const publishWaiting = async () => {
    const db = await connect();
    if (!leader) {
      const { rows } = await db.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext('measures.outbox-relay')) AS locked`);
      leader = rows[0]?.locked === true;
      if (!leader) return; // another replica publishes; this one listens and tries again when woken
    }
    for (;;) {
      const events = await unpublished(db, batchSize);
      for (const event of events) {
        if (stopped) return;
        try {
          await publisher.publish(event);
        } catch (error) {
          if (isOutage(error)) throw error;
          await failed(db, event.id, error);
          continue;
        }
        await markPublished(db, event.id);
      }
      if (events.length < batchSize) break;
    }
    await cleanUp(db);
    const retryIn = await nextRetryIn(db);
    if (retryIn !== undefined && !stopped) later(() => void wake(), retryIn + 50);
  };

  const failed = async (db: PoolClient, id: number, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const dead = await recordFailure(db, id, message, { maxAttempts, retryMs });
    if (dead) logger.error({ err: error, eventId: id, attempts: maxAttempts }, 'outbox event set aside as a dead letter');
    else logger.warn({ err: error, eventId: id }, 'outbox event not delivered; retrying it later, the others go on');
  };

  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await publishWaiting();
        } while (again && !stopped);
      } catch (error) {
        logger.error({ err: error }, 'outbox relay failed; retrying');
        if (!stopped) later(() => void wake(), retryMs);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  // The leader clears out old published events after publishing, at most hourly.
  let cleanedAt = 0;
  const cleanUp = async (db: PoolClient) => {
    if (Date.now() - cleanedAt < 3_600_000) return;
    cleanedAt = Date.now();
    const deleted = await deletePublishedBefore(db, retentionDays);
    if (deleted > 0) logger.info({ deleted, retentionDays }, 'outbox: old published events deleted');
  };

  const sweep = setInterval(() => void wake(), options.sweepMs);
  sweep.unref();
  void wake();

  return {
    name: 'outbox-relay',
    drain: wake,
    close: async () => {
      stopped = true;
      clearInterval(sweep);
      clearTimeout(retry);
      await running;
      if (client) {
        await client.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
        client.release(true); // ends the session: the leader lock goes with it
        client = undefined;
      }
      await pool.end();
    },
  };
}
