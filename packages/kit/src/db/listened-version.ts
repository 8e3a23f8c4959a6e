import pg from 'pg';
import { freshReads } from '../fresh-read';
import type { Closable } from '../lifecycle';
import type { Logger } from '../logger';
import { onLocalCommit } from './local-commits';

export interface ListenedVersionOptions<T> {
  /** The database whose notifications to hear (the service's DATABASE_URL). */
  connectionString: string;
  /** The channel the transaction that raises the version notifies (pg_notify: delivered only after its commit). */
  channel: string;
  /** The version as the database has it now: read whenever no value in memory holds. */
  read: () => Promise<T>;
  /** When a value read stops holding though nothing was written (the day it names ends); default: never. */
  expiresAt?: (value: T) => number;
  logger?: Logger;
  /** The listening connection's name in pg_stat_activity. */
  applicationName?: string;
  /** How often the listening connection proves that it still answers (default 5 s). */
  heartbeatMs?: number;
  /** Deadline of connecting, of LISTEN and of each proof (default 2 s). */
  deadlineMs?: number;
  /** Pause before connecting again, doubled after each failure up to 10 s (default 500 ms). */
  retryMs?: number;
}

export interface ListenedVersion<T> {
  /** The version: from memory while notifications are heard, otherwise read (shared, never read before the call). */
  current: () => Promise<T>;
  /** Whether notifications are heard right now (LISTEN in effect on a connection that answers). */
  listening: () => boolean;
  /**
   * Resolves at the next sign of a change (a notification, a commit of this process) or after `maxWaitMs`,
   * whichever comes first: a caller waiting for another writer's commit re-reads then, not on a fixed poll.
   */
  nextChange: (maxWaitMs: number) => Promise<void>;
  /** Ends the listening connection (graceful shutdown). */
  closable: Closable;
}

const channelName = /^[a-z_][a-z0-9_]*$/;

/**
 * A version kept in memory, without a round trip per request. It is dropped — the next caller reads it from the
 * database, sharing the read with those who arrive meanwhile (freshReads) — whenever it may be old:
 * - a notification on `channel` came: another process (or replica) committed a change; until it arrives (a few
 *   ms after that commit) this process still answers from the version before;
 * - this process committed a write (local-commits.ts): its next request reads, so it sees its own writes at once;
 * - the listening connection is not (yet) established, was lost, or has not proved alive within heartbeat plus
 *   deadline: every call reads, as freshReads alone does, until LISTEN is in effect again and the version is re-read.
 * Nothing waits for the listening connection: a caller either gets the value in memory or reads through the pool,
 * under the pool's deadlines. One connection per version, opened at the first call, closed by `closable`.
 */
export function listenedVersion<T>(options: ListenedVersionOptions<T>): ListenedVersion<T> {
  const { channel, logger, heartbeatMs = 5_000, deadlineMs = 2_000, retryMs = 500 } = options;
  if (!channelName.test(channel)) throw new Error(`Invalid channel name "${channel}"`);
  const read = freshReads(options.read);
  let changes = 0;
  let known: T | undefined;
  let client: pg.Client | undefined;
  let heard = false;
  let provenAt = 0;
  let failures = 0;
  let started = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  let waiting: Array<() => void> = [];
  const changed = () => {
    changes++;
    known = undefined;
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const stopWatchingCommits = onLocalCommit(changed);
  const trusted = () => heard && Date.now() - provenAt < heartbeatMs + deadlineMs;

  const end = async (connection: pg.Client) => {
    const cut = setTimeout(() => connection.connection.stream.destroy(), deadlineMs);
    await connection.end().catch(() => undefined);
    clearTimeout(cut);
  };

  const lost = (connection: pg.Client, error?: unknown) => {
    if (connection !== client) return; // a replaced connection's late events
    client = undefined;
    if (heard) logger?.warn({ err: error, channel }, 'stopped hearing version notifications; reading the version per request until they are heard again');
    heard = false;
    changed();
    clearInterval(heartbeat);
    void end(connection);
    if (closed) return;
    retry = setTimeout(connect, Math.min(retryMs * 2 ** failures++, 10_000));
    retry.unref();
  };

  const prove = async (connection: pg.Client) => {
    try {
      await connection.query('SELECT 1');
    } catch (error) {
      lost(connection, error);
      return;
    }
    if (connection !== client) return;
    // A proof that came late may have let a notification pass unseen: what memory holds is read again.
    if (!trusted()) changed();
    provenAt = Date.now();
  };

  async function connect(): Promise<void> {
    const connection = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.applicationName ?? `listen ${channel}`,
      connectionTimeoutMillis: deadlineMs,
      query_timeout: deadlineMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client = connection;
    connection.on('error', (error) => lost(connection, error));
    connection.on('end', () => lost(connection));
    connection.on('notification', (notification) => {
      if (notification.channel === channel) changed();
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${channel}`);
    } catch (error) {
      lost(connection, error);
      return;
    }
    if (connection !== client) return void end(connection); // closed meanwhile
    failures = 0;
    heard = true;
    provenAt = Date.now();
    // What was read before LISTEN took effect may have missed a notification: read again.
    changed();
    heartbeat = setInterval(() => void prove(connection), heartbeatMs);
    heartbeat.unref();
    logger?.info({ channel }, 'hearing version notifications');
  }

  const holds = (value: T) => !options.expiresAt || Date.now() < options.expiresAt(value);

  return {
    current: async () => {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      if (known !== undefined && trusted() && holds(known)) return known;
      const asked = changes;
      const value = await read();
      // Kept only if nothing that could make it old happened since the caller asked (the read started later).
      if (asked === changes && trusted()) known = value;
      return value;
    },
    listening: trusted,
    nextChange: (maxWaitMs) => {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiting = waiting.filter((wake) => wake !== done);
          resolve();
        }, maxWaitMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiting.push(done);
      });
    },
    closable: {
      name: `postgres listen ${channel}`,
      close: async () => {
        closed = true;
        stopWatchingCommits();
        clearTimeout(retry);
        clearInterval(heartbeat);
        heard = false;
        known = undefined;
        const connection = client;
        client = undefined;
        if (connection) await end(connection);
      },
    },
  };
}
