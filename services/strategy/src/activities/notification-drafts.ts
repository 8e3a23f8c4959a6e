import type { NotificationKind } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';

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
