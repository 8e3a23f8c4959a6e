/**
 * Notifications: the workflow's activities write them to the strategy read model (table notification) and
 * enqueue one BullMQ job per notification; the strategy service's job worker delivers it (e-mail when SMTP
 * is configured) and sets delivered_at.
 */
export const NOTIFICATIONS_QUEUE = 'notifications';
export const DELIVER_JOB = 'deliver';
export interface DeliverJobData {
  notificationId: string;
}
/** BullMQ job IDs may not contain ':', notification IDs do; the job ID makes a repeated enqueue a no-op. */
export const deliverJobId = (notificationId: string) => `deliver-${notificationId.replaceAll(':', '~')}`;

export type NotificationKind = 'task-created' | 'reminder' | 'escalation' | 'task-delegated' | 'cycle-event';
