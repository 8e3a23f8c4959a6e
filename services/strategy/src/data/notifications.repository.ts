import type { Page } from './db';
import type { Queryable } from '@sozialraum/kit/db';
import type { components } from '../generated/api';

/** A notification as stored, with whether the reader has read it (the API adds its link). */
export interface NotificationRecord {
  id: string;
  recipient: string;
  kind: components['schemas']['Notification']['kind'];
  taskId: string | null;
  cycleId: string | null;
  title: string;
  body: string;
  createdAt: Date;
  deliveredAt: Date | null;
  channel: 'email' | 'feed' | null;
  read: boolean;
}

/** The columns of a record; `n` is the notification table. */
const columns = `n.id, n.recipient, n.kind, n.task_id AS "taskId", n.cycle_id AS "cycleId", n.title, n.body, n.created_at AS "createdAt",
  n.delivered_at AS "deliveredAt", n.channel`;

/** The reader's notifications: addressed to their user ID or to one of their candidate groups. */
export async function listNotifications(
  db: Queryable,
  reader: { id: string; groups: string[] },
  options: { unreadOnly: boolean } & Page,
): Promise<{ rows: NotificationRecord[]; total: number; unread: number }> {
  const { rows } = await db.query<NotificationRecord & { total: number; unread: number }>(
    `SELECT * FROM (
       SELECT ${columns}, (r.user_id IS NOT NULL) AS read, count(*) OVER () AS total,
              count(*) FILTER (WHERE r.user_id IS NULL) OVER () AS unread
       FROM notification n LEFT JOIN notification_read r ON r.notification_id = n.id AND r.user_id = $1
       WHERE n.recipient = $1 OR n.recipient = ANY ($2::text[])) mine
     WHERE NOT ($3 AND read)
     ORDER BY read, "createdAt" DESC, id LIMIT $4 OFFSET $5`,
    [reader.id, reader.groups, options.unreadOnly, options.limit, options.offset],
  );
  const first = rows[0];
  return { rows, total: first ? (options.unreadOnly ? first.unread : first.total) : 0, unread: first?.unread ?? 0 };
}

export async function markRead(db: Queryable, id: string, reader: { id: string; groups: string[] }): Promise<NotificationRecord | undefined> {
  const { rows } = await db.query<NotificationRecord>(
    `WITH mine AS (SELECT ${columns} FROM notification n WHERE n.id = $1 AND (n.recipient = $2 OR n.recipient = ANY ($3::text[]))),
          done AS (INSERT INTO notification_read (notification_id, user_id) SELECT id, $2 FROM mine ON CONFLICT DO NOTHING)
     SELECT mine.*, true AS read FROM mine`,
    [id, reader.id, reader.groups],
  );
  return rows[0];
}

/** Marks every unread notification of the reader read; returns how many were unread. */
export async function markAllRead(db: Queryable, reader: { id: string; groups: string[] }): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO notification_read (notification_id, user_id)
     SELECT id, $1 FROM notification WHERE recipient = $1 OR recipient = ANY ($2::text[])
     ON CONFLICT DO NOTHING`,
    [reader.id, reader.groups],
  );
  return rowCount ?? 0;
}

export async function insertNotification(
  db: Queryable,
  n: { id: string; recipient: string; kind: string; taskId?: string; cycleId?: string; title: string; body?: string; createdAt?: string },
): Promise<void> {
  // Without a time, now (the column's default); the cycle's notifications carry the workflow's time.
  await db.query(
    `INSERT INTO notification (id, recipient, kind, task_id, cycle_id, title, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now())) ON CONFLICT (id) DO NOTHING`,
    [n.id, n.recipient, n.kind, n.taskId ?? null, n.cycleId ?? null, n.title, n.body ?? '', n.createdAt ?? null],
  );
}

export async function findNotification(db: Queryable, id: string): Promise<NotificationRecord | undefined> {
  const { rows } = await db.query<NotificationRecord>(`SELECT ${columns}, false AS read FROM notification n WHERE n.id = $1`, [id]);
  return rows[0];
}

export async function markDelivered(db: Queryable, id: string, channel: 'email' | 'feed'): Promise<void> {
  await db.query('UPDATE notification SET delivered_at = now(), channel = $2 WHERE id = $1 AND delivered_at IS NULL', [id, channel]);
}

/** Notifications nobody has delivered yet: the notification table is the outbox, this is its relay. */
export async function undelivered(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM notification WHERE delivered_at IS NULL AND created_at > now() - interval '7 days' ORDER BY created_at LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}
