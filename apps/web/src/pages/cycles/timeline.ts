import { PHASE_LABELS, TASK_LABELS, type Phase, type TaskType } from '@sozialraum/contracts/browser';
import { candidateGroupLabel } from '../../lib/labels';
import type { CycleDetail, Task } from '../tasks/task-queries';

export type TimelineKind = 'cycle-started' | 'phase-started' | 'task-created' | 'task-completed' | 'cycle-completed' | 'cycle-cancelled';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  text: string;
  detail?: string;
  /** The task an entry is about: its page and its own history. */
  taskId?: string;
}

/** At the same moment: the start first, then what closes the phase before (a completion), the next phase, its tasks, the end. */
const RANK: Record<TimelineKind, number> = { 'cycle-started': 0, 'task-completed': 1, 'phase-started': 2, 'task-created': 3, 'cycle-completed': 4, 'cycle-cancelled': 4 };

const taskLabel = (task: Task) => TASK_LABELS[task.type as TaskType] ?? task.label;
const forWhom = (task: Task) => task.candidateGroups.map(candidateGroupLabel).join(', ');

/**
 * The cycle's timeline, oldest first, from what the strategy read model keeps: the start, the phases, each
 * task's creation and completion, and the end. Suspensions are not kept there with their time; the page
 * shows the current one with its reason. Each task's own history (claims, reminders, escalations) is a click away.
 */
export function buildTimeline(cycle: CycleDetail, closedTasks: Task[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    {
      at: cycle.startedAt,
      kind: 'cycle-started',
      text: 'Zyklus gestartet',
      detail: [`von ${cycle.startedBy}`, cycle.alertId !== null ? `aus der Warnung Nr. ${cycle.alertId} des Monitorings` : undefined].filter(Boolean).join(', '),
    },
  ];
  for (const phase of cycle.phases) {
    entries.push({ at: phase.startedAt, kind: 'phase-started', text: `Phase „${PHASE_LABELS[phase.phase as Phase] ?? phase.label}“ begonnen` });
  }
  const tasks = new Map<string, Task>();
  for (const task of [...closedTasks, ...cycle.openTasks]) tasks.set(task.id, task);
  for (const task of tasks.values()) {
    entries.push({
      at: task.createdAt,
      kind: 'task-created',
      text: `Aufgabe „${taskLabel(task)}“ gestellt`,
      detail: `an ${forWhom(task)}${task.status === 'cancelled' ? '; entfallen' : ''}`,
      taskId: task.id,
    });
    if (task.status === 'completed' && task.completedAt) {
      entries.push({ at: task.completedAt, kind: 'task-completed', text: `Aufgabe „${taskLabel(task)}“ erledigt`, detail: task.completedBy ? `von ${task.completedBy}` : undefined, taskId: task.id });
    }
  }
  if (cycle.finishedAt && (cycle.status === 'completed' || cycle.status === 'cancelled')) {
    entries.push(
      cycle.status === 'completed'
        ? { at: cycle.finishedAt, kind: 'cycle-completed', text: 'Zyklus abgeschlossen' }
        : { at: cycle.finishedAt, kind: 'cycle-cancelled', text: 'Zyklus abgebrochen', detail: cycle.statusReason ? `Grund: ${cycle.statusReason}` : undefined },
    );
  }
  return entries
    .map((entry, index) => ({ entry, index, time: new Date(entry.at).getTime() }))
    .sort((a, b) => a.time - b.time || RANK[a.entry.kind] - RANK[b.entry.kind] || a.index - b.index)
    .map(({ entry }) => entry);
}
