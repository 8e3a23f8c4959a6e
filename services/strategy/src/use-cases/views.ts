import { PHASE_LABELS, TASK_LABELS, type Task } from '@sozialraum/contracts';
import type { CommentRecord } from '../data/comments.repository';
import type { DecisionRecord, ParticipationRecord } from '../data/cycle-content.repository';
import type { CycleRecord, PhaseRecord } from '../data/cycles.repository';
import type { NotificationRecord } from '../data/notifications.repository';
import type { components } from '../generated/api';

type Schemas = components['schemas'];
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The cycle as the API shows it: without its snapshots (the detail adds them), with its phase's German label. */
export const cycleView = (cycle: CycleRecord): Schemas['Cycle'] => ({
  id: cycle.id,
  spaceCode: cycle.spaceCode,
  number: cycle.number,
  status: cycle.status,
  phase: cycle.phase,
  phaseLabel: PHASE_LABELS[cycle.phase],
  alertId: cycle.alertId,
  startedBy: cycle.startedBy,
  startedAt: cycle.startedAt.toISOString(),
  finishedAt: iso(cycle.finishedAt),
  statusReason: cycle.statusReason,
  departments: cycle.departments,
});

export const phaseView = (phase: PhaseRecord): Schemas['CycleDetail']['phases'][number] => ({
  phase: phase.phase,
  label: PHASE_LABELS[phase.phase],
  startedAt: phase.startedAt.toISOString(),
  endedAt: iso(phase.endedAt),
});

export const participationView = (record: ParticipationRecord): Schemas['ParticipationRecord'] => ({ ...record, recordedAt: record.recordedAt.toISOString() });

export const decisionView = (decision: DecisionRecord): Schemas['Decision'] => ({ ...decision, decidedAt: decision.decidedAt.toISOString() });

/** The task as the API shows it: the record with its German label. */
export const taskView = (task: Task): Schemas['Task'] => ({ ...task, label: TASK_LABELS[task.type] ?? task.type });

export const commentView = (comment: CommentRecord): Schemas['Comment'] => ({ ...comment, createdAt: comment.createdAt.toISOString() });

/** The web app page a notification leads to: its task, else its cycle, else the inbox. */
export function notificationLink(appUrl: string, n: Pick<NotificationRecord, 'taskId' | 'cycleId'>): string {
  const base = appUrl.replace(/\/+$/, '');
  if (n.taskId) return `${base}/aufgaben/${encodeURIComponent(n.taskId)}`;
  if (n.cycleId) return `${base}/zyklen/${encodeURIComponent(n.cycleId)}`;
  return `${base}/aufgaben`;
}

export const notificationView = (n: NotificationRecord, appUrl: string): Schemas['Notification'] => ({
  id: n.id,
  kind: n.kind,
  recipient: n.recipient,
  taskId: n.taskId,
  cycleId: n.cycleId,
  link: notificationLink(appUrl, n),
  title: n.title,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
  read: n.read,
});
