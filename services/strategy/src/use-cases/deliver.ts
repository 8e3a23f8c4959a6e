import type { Pool } from '@sozialraum/kit/db';
import type { Transporter } from 'nodemailer';
import type { Directory } from '../data/directory';
import { PermanentFailure } from '@sozialraum/kit';
import { findNotification, markDelivered } from '../data/notifications.repository';
import { notificationLink } from './views';

export interface Mail {
  transport: Transporter;
  from: string;
}

export interface DeliveryDeps {
  pool: Pool;
  /** Unset: notifications stay in the feed. */
  mail?: Mail;
  directory: Directory;
  appUrl: string;
}

/** The addresses behind a recipient: every member of a candidate group in Keycloak, or one user. */
async function addressesOf(directory: Directory, recipient: string): Promise<string[]> {
  const people = /^(group|role):/.test(recipient) ? await directory.membersOf(recipient) : [await directory.user(recipient)];
  return [...new Set(people.flatMap((person) => (person?.email ? [person.email] : [])))].sort();
}

/**
 * Delivers one notification: by e-mail when SMTP is configured and the recipient (a user, or every member
 * of a group in Keycloak, signed in here or not) has an address, otherwise it stays in the feed. The mail
 * links straight to the task. Delivered ones are skipped, so a retried job does not mail twice (unless it
 * failed between sending and recording); Keycloak not answering fails the job, and BullMQ retries it. A
 * notification this deployment does not have fails the job at once with the reason, never silently.
 */
export async function deliverNotification(deps: DeliveryDeps, id: string): Promise<'email' | 'feed' | 'skipped'> {
  const { pool, mail } = deps;
  const notification = await findNotification(pool, id);
  if (!notification) {
    throw new PermanentFailure(`notification ${id} not found in this deployment's database (does another deployment share this Redis and REDIS_PREFIX?)`);
  }
  if (notification.deliveredAt) return 'skipped';
  const addresses = mail ? await addressesOf(deps.directory, notification.recipient) : [];
  if (mail && addresses.length > 0) {
    await mail.transport.sendMail({
      from: mail.from,
      // Blind copies: members of a group do not learn each other's addresses.
      to: addresses.length === 1 ? addresses[0] : mail.from,
      bcc: addresses.length === 1 ? undefined : addresses,
      subject: notification.title,
      text: [notification.title, notification.body, `In Sozialraum öffnen: ${notificationLink(deps.appUrl, notification)}`].filter(Boolean).join('\n\n'),
    });
  }
  const channel = mail && addresses.length > 0 ? 'email' : 'feed';
  await markDelivered(pool, id, channel);
  return channel;
}
