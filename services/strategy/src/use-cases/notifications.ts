import { candidateGroupsOf } from '@sozialraum/contracts';
import { type Principal, problems } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import type { Page } from '../data/db';
import { listNotifications, markRead } from '../data/notifications.repository';
import type { components } from '../generated/api';
import { notificationView } from './views';

type Schemas = components['schemas'];
const readerOf = (principal: Principal) => ({ id: principal.id, groups: candidateGroupsOf(principal) });

export async function myNotifications(pool: Pool, principal: Principal, options: { unreadOnly: boolean } & Page): Promise<Schemas['NotificationPage']> {
  const { rows, total, unread } = await listNotifications(pool, readerOf(principal), options);
  return { items: rows.map(notificationView), total, unread };
}

export async function readNotification(pool: Pool, principal: Principal, id: string): Promise<Schemas['Notification']> {
  const row = await markRead(pool, id, readerOf(principal));
  if (!row) throw problems.notFound(`There is no notification ${id} for you.`);
  return notificationView(row);
}
