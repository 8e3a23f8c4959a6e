import type { NotificationKind } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';
import { insertNotification } from '../data/notifications.repository';

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

/** Each recipient once, with the notification's ID. */
export function addressed(draft: Pick<NotificationDraft, 'baseId' | 'recipients'>): Array<{ id: string; recipient: string }> {
  return [...new Set(draft.recipients)].map((recipient) => ({ id: draft.recipients.length === 1 ? draft.baseId : `${draft.baseId}:${recipient}`, recipient }));
}

/** Writes the notifications (idempotently) and returns their IDs, to enqueue after the commit. */
export async function writeNotifications(db: Queryable, draft: NotificationDraft): Promise<string[]> {
  const ids: string[] = [];
  for (const { id, recipient } of addressed(draft)) {
    await insertNotification(db, { id, recipient, kind: draft.kind, taskId: draft.taskId, cycleId: draft.cycleId, title: draft.title, body: draft.body, createdAt: draft.createdAt });
    ids.push(id);
  }
  return ids;
}
