import { candidateGroupsOf } from '@sozialraum/contracts';
import { type Principal, problems } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import type { Page } from '../data/db';
import { listNotifications, markAllRead, markRead } from '../data/notifications.repository';
import type { components } from '../generated/api';
import { notificationView } from './views';

type Schemas = components['schemas'];
/** The pool, and the web app's address for each notification's link. */
export interface NotificationDeps {
  pool: Pool;
  appUrl: string;
}
const readerOf = (principal: Principal) => ({ id: principal.id, groups: candidateGroupsOf(principal) });

export async function myNotifications({ pool, appUrl }: NotificationDeps, principal: Principal, options: { unreadOnly: boolean } & Page): Promise<Schemas['NotificationPage']> {
  const { rows, total, unread } = await listNotifications(pool, readerOf(principal), options);
  return { items: rows.map((row) => notificationView(row, appUrl)), total, unread };
}

export async function readNotification({ pool, appUrl }: NotificationDeps, principal: Principal, id: string): Promise<Schemas['Notification']> {
  const row = await markRead(pool, id, readerOf(principal));
  if (!row) throw problems.notFound(`There is no notification ${id} for you.`);
  return notificationView(row, appUrl);
}

export async function readAllNotifications(pool: Pool, principal: Principal): Promise<{ updated: number }> {
  return { updated: await markAllRead(pool, readerOf(principal)) };
}
