import type { Queryable } from '@sozialraum/kit/db';

export interface OutboxEvent {
  /** The outbox sequence: events are published in this order. */
  id: number;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

export const OUTBOX_CHANNEL = 'measures_outbox';

/**
 * Writes an event in the caller's transaction (its trigger notifies the relay at commit). Writers take the
 * outbox lock first, so ids are handed out in commit order and the relay's id order is the order of the
 * changes. Append as the last write of a transaction: the lock is held until it ends.
 */
export async function appendOutbox(db: Queryable, event: { type: string; aggregateId: string; payload: Record<string, unknown> }): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('measures.outbox'))`);
  await db.query('INSERT INTO outbox (type, aggregate_id, payload) VALUES ($1, $2, $3)', [event.type, event.aggregateId, JSON.stringify(event.payload)]);
}

/** Events to publish now, in id order: not published, not dead, and not waiting for a retry. */
export async function unpublished(db: Queryable, limit: number): Promise<OutboxEvent[]> {
  const { rows } = await db.query<OutboxEvent>(
    `SELECT id, type, aggregate_id AS "aggregateId", payload, occurred_at AS "occurredAt"
       FROM outbox WHERE published_at IS NULL AND dead_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
      ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows;
}

/**
 * A delivery of the event failed: it waits `retryMs` × 2^(attempts − 1) (at most 5 minutes) for its next
 * attempt, and is set aside as dead after `maxAttempts`. Returns whether it is dead now.
 */
export async function recordFailure(db: Queryable, id: number, error: string, options: { maxAttempts: number; retryMs: number }): Promise<boolean> {
  const { rows } = await db.query<{ dead: boolean }>(
    `UPDATE outbox SET attempts = attempts + 1, last_error = left($2, 2000),
            next_attempt_at = now() + least($4::double precision * 2 ^ attempts, 300000) * interval '1 millisecond',
            dead_at = CASE WHEN attempts + 1 >= $3 THEN now() END
      WHERE id = $1 RETURNING dead_at IS NOT NULL AS dead`,
    [id, error, options.maxAttempts, options.retryMs],
  );
  return rows[0]?.dead === true;
}

/** Milliseconds until the earliest event waiting for a retry is due; undefined when none waits. */
export async function nextRetryIn(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ ms: number | null }>(
    `SELECT greatest(0, extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS ms
       FROM outbox WHERE published_at IS NULL AND dead_at IS NULL AND next_attempt_at > now()`,
  );
  return rows[0]?.ms ?? undefined;
}

/** Deletes published events older than the retention; unpublished ones stay whatever their age. */
export async function deletePublishedBefore(db: Queryable, retentionDays: number): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1)`, [retentionDays]);
  return rowCount ?? 0;
}

/** What waits to be published, and since when: a relay that is stuck shows here first; and the dead letters. */
export async function backlog(db: Queryable): Promise<{ count: number; oldestSeconds: number; dead: number }> {
  const { rows } = await db.query<{ count: number; oldest_seconds: number | null; dead: number }>(
    `SELECT count(*) FILTER (WHERE dead_at IS NULL)::int AS count,
            extract(epoch FROM now() - min(occurred_at) FILTER (WHERE dead_at IS NULL))::float8 AS oldest_seconds,
            count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead
       FROM outbox WHERE published_at IS NULL`,
  );
  return { count: rows[0]?.count ?? 0, oldestSeconds: rows[0]?.oldest_seconds ?? 0, dead: rows[0]?.dead ?? 0 };
}

export async function markPublished(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE outbox SET published_at = now() WHERE id = $1', [id]);
}
