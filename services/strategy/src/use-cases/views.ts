import { type Phase, PHASE_LABELS, TASK_LABELS, type Task } from '@sozialraum/contracts';
import type { CommentRow } from '../data/comments.repository';
import type { DecisionRow, GoalRow, NeedRow, ParticipationRow, ProposalRow } from '../data/cycle-content.repository';
import type { CycleRow, PhaseRow } from '../data/cycles.repository';
import type { NotificationRow } from '../data/notifications.repository';
import type { components } from '../generated/api';

type Schemas = components['schemas'];
const iso = (d: Date | null) => d?.toISOString() ?? null;
const phaseLabel = (phase: string) => PHASE_LABELS[phase as Phase] ?? phase;

export function cycleView(row: CycleRow): Schemas['Cycle'] {
  return {
    id: row.id,
    spaceCode: row.space_code,
    number: row.number,
    status: row.status as Schemas['CycleStatus'],
    phase: row.phase as Schemas['Phase'],
    phaseLabel: phaseLabel(row.phase),
    alertId: row.alert_id === null ? null : Number(row.alert_id),
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    finishedAt: iso(row.finished_at),
    statusReason: row.status_reason,
    departments: row.departments,
  };
}

export const phaseView = (row: PhaseRow) => ({
  phase: row.phase as Schemas['Phase'],
  label: phaseLabel(row.phase),
  startedAt: row.started_at.toISOString(),
  endedAt: iso(row.ended_at),
});

export const participationView = (row: ParticipationRow): Schemas['ParticipationRecord'] => ({
  id: row.id,
  format: row.format,
  date: row.held_on,
  actors: row.actors,
  targetGroups: row.target_groups,
  participants: row.participants,
  results: row.results,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at.toISOString(),
});

export const goalView = (row: GoalRow): Schemas['Goal'] => ({
  position: row.position,
  title: row.title,
  description: row.description,
  indicatorKey: row.indicator_key,
  targetValue: row.target_value,
  targetYear: row.target_year,
});

export const needView = (row: NeedRow): Schemas['Need'] => ({
  key: row.key,
  title: row.title,
  description: row.description,
  targetGroups: row.target_groups,
  departments: row.departments,
  status: row.status as Schemas['Need']['status'],
});

export const proposalView = (row: ProposalRow): Schemas['Proposal'] => ({
  id: row.id,
  needKey: row.need_key,
  department: row.department,
  title: row.title,
  description: row.description,
  budgetPlanned: row.budget_planned,
  start: row.starts_on,
  end: row.ends_on,
  status: row.status as Schemas['Proposal']['status'],
  progress: row.progress,
  trafficLight: row.traffic_light,
});

export const decisionView = (row: DecisionRow): Schemas['Decision'] => ({
  id: row.id,
  measureId: row.measure_id,
  decision: row.decision as Schemas['Decision']['decision'],
  reason: row.reason,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at.toISOString(),
});

/** The task as the API shows it: the record with its German label. */
export const taskView = (task: Task): Schemas['Task'] => ({ ...task, label: TASK_LABELS[task.type] ?? task.type });

export const commentView = (row: CommentRow): Schemas['Comment'] => ({
  id: Number(row.id),
  taskId: row.task_id,
  author: { id: row.author_id, name: row.author_name },
  text: row.text,
  createdAt: row.created_at.toISOString(),
});

/** The web app page a notification leads to: its task, else its cycle, else the inbox. */
export function notificationLink(appUrl: string, n: Pick<NotificationRow, 'task_id' | 'cycle_id'>): string {
  const base = appUrl.replace(/\/+$/, '');
  if (n.task_id) return `${base}/aufgaben/${encodeURIComponent(n.task_id)}`;
  if (n.cycle_id) return `${base}/zyklen/${encodeURIComponent(n.cycle_id)}`;
  return `${base}/aufgaben`;
}

export const notificationView = (row: NotificationRow, appUrl: string): Schemas['Notification'] => ({
  id: row.id,
  kind: row.kind as Schemas['Notification']['kind'],
  recipient: row.recipient,
  taskId: row.task_id,
  cycleId: row.cycle_id,
  link: notificationLink(appUrl, row),
  title: row.title,
  body: row.body,
  createdAt: row.created_at.toISOString(),
  read: row.read,
});
