import type { Queryable } from './db';

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

export async function unpublished(db: Queryable, limit: number): Promise<OutboxEvent[]> {
  const { rows } = await db.query<OutboxEvent>(
    `SELECT id, type, aggregate_id AS "aggregateId", payload, occurred_at AS "occurredAt"
       FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows;
}

/** Deletes published events older than the retention; unpublished ones stay whatever their age. */
export async function deletePublishedBefore(db: Queryable, retentionDays: number): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1)`, [retentionDays]);
  return rowCount ?? 0;
}

/** What waits to be published, and since when: a relay that is stuck shows here first. */
export async function backlog(db: Queryable): Promise<{ count: number; oldestSeconds: number }> {
  const { rows } = await db.query<{ count: number; oldest_seconds: number | null }>(
    `SELECT count(*)::int AS count, extract(epoch FROM now() - min(occurred_at))::float8 AS oldest_seconds FROM outbox WHERE published_at IS NULL`,
  );
  return { count: rows[0]?.count ?? 0, oldestSeconds: rows[0]?.oldest_seconds ?? 0 };
}

export async function markPublished(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE outbox SET published_at = now() WHERE id = $1', [id]);
}
