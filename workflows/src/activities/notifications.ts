import { Queue } from 'bullmq';
import { DELIVER_JOB, type DeliverJobData, deliverJobId, NOTIFICATIONS_QUEUE, type NotificationKind } from '@sozialraum/contracts';
import { queueTelemetry, type Redis } from '@sozialraum/kit/redis';
import type { Queryable } from './db';

/** Hands notifications to the strategy service's delivery jobs (BullMQ queue `notifications`, under the deployment's REDIS_PREFIX). */
export interface NotificationQueue {
  enqueue(notificationIds: string[]): Promise<void>;
  close(): Promise<void>;
}

export function createNotificationQueue(connection: Redis, prefix: string): NotificationQueue {
  const queue = new Queue<DeliverJobData>(NOTIFICATIONS_QUEUE, {
    connection,
    prefix,
    ...queueTelemetry(),
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  return {
    enqueue: async (ids) => {
      // The job ID comes from the notification ID, so an activity retry does not deliver twice.
      if (ids.length) await queue.addBulk(ids.map((notificationId) => ({ name: DELIVER_JOB, data: { notificationId }, opts: { jobId: deliverJobId(notificationId) } })));
    },
    close: () => queue.close(),
  };
}

export interface NotificationDraft {
  /** Deterministic: `<task id>:<kind>[:<level>]`; with several recipients, `:<recipient>` is appended. */
  baseId: string;
  recipients: string[];
  kind: NotificationKind;
  taskId?: string;
  cycleId: string;
  title: string;
  body?: string;
  createdAt: string;
}

/** Writes the notifications (idempotently) and returns their IDs, to enqueue after the commit. */
export async function writeNotifications(db: Queryable, draft: NotificationDraft): Promise<string[]> {
  const ids: string[] = [];
  for (const recipient of new Set(draft.recipients)) {
    const id = draft.recipients.length === 1 ? draft.baseId : `${draft.baseId}:${recipient}`;
    await db.query(
      `INSERT INTO notification (id, recipient, kind, task_id, cycle_id, title, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [id, recipient, draft.kind, draft.taskId ?? null, draft.cycleId, draft.title, draft.body ?? '', draft.createdAt],
    );
    ids.push(id);
  }
  return ids;
}
