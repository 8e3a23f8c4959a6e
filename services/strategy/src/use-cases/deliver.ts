import type { Pool } from '@sozialraum/kit/db';
import type { Transporter } from 'nodemailer';
import { findNotification, markDelivered } from '../data/notifications.repository';
import { addressesOf } from '../data/users.repository';

export interface Mail {
  transport: Transporter;
  from: string;
}

/**
 * Delivers one notification: by e-mail when SMTP is configured and the recipient (a user, or the known
 * members of a group) has an address, otherwise it stays in the feed. Delivered ones are skipped, so a
 * retried job does not mail twice (unless it failed between sending and recording).
 */
export async function deliverNotification(pool: Pool, mail: Mail | undefined, id: string): Promise<'email' | 'feed' | 'skipped'> {
  const notification = await findNotification(pool, id);
  if (!notification || notification.delivered_at) return 'skipped';
  const addresses = mail ? await addressesOf(pool, notification.recipient) : [];
  if (mail && addresses.length > 0) {
    await mail.transport.sendMail({
      from: mail.from,
      // Blind copies: members of a group do not learn each other's addresses.
      to: addresses.length === 1 ? addresses[0] : mail.from,
      bcc: addresses.length === 1 ? undefined : addresses,
      subject: notification.title,
      text: `${notification.title}\n\n${notification.body}`.trim(),
    });
  }
  const channel = mail && addresses.length > 0 ? 'email' : 'feed';
  await markDelivered(pool, id, channel);
  return channel;
}
