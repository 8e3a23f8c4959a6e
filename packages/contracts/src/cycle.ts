import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CycleStatus, CycleTimings, Phase } from './phases';
import type { CandidateGroup } from './groups';
import type { Need, TaskType } from './forms';

export const TASK_QUEUE = 'strategy-cycles';

/** The business key: one workflow per space and cycle number. */
export const cycleWorkflowId = (spaceCode: string, number: number) => `cycle-${spaceCode}-${number}`;

/** The space and number in a cycle's workflow ID; undefined for anything else. */
export function parseCycleWorkflowId(id: string): { spaceCode: string; number: number } | undefined {
  const match = /^cycle-(.+)-(\d+)$/.exec(id);
  return match ? { spaceCode: match[1] as string, number: Number(match[2]) } : undefined;
}

export interface Person {
  id: string;
  name: string;
}

export interface CycleInput {
  spaceCode: string;
  number: number;
  startedBy: Person;
  /** The monitoring alert that gave the reason, when there was one. */
  alertId?: number;
  timings: CycleTimings;
  /** Carried from the previous cycle: needs still open and measures to continue. */
  carriedOver?: {
    needKeys: string[];
    measureIds: string[];
    /** The cycle they come from, and the needs themselves, so the next cycle's tasks can show them. */
    fromCycleId?: string;
    needs?: Need[];
  };
}

/** What a cycle workflow returns when it ends. */
export interface CycleOutcome {
  status: 'completed' | 'cancelled';
  /** The workflow ID of the next cycle, started when this one completed. */
  nextCycleId?: string;
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/**
 * A task of a cycle: what the workflow opens, the strategy service keeps in its read model (its repository
 * returns this record) and its API shows (the `Task` schema adds the label). The one description of a task.
 */
export interface Task {
  /** `${workflowId}/${key}`: deterministic, so activities can write the read model idempotently. */
  id: string;
  /** The cycle's workflow ID. */
  cycleId: string;
  key: string;
  type: TaskType;
  phase: Phase;
  spaceCode: string;
  candidateGroups: CandidateGroup[];
  /** Department the task is for, when it is a department's task. */
  department: string | null;
  /** Measures the task is about (status reports, evaluations). */
  measureIds: string[];
  /** Who claimed it or had it passed on. */
  assignee: Person | null;
  status: TaskStatus;
  /** 1 high, 2 normal, 3 low. */
  priority: number;
  /** ISO 8601 instants. */
  createdAt: string;
  dueAt: string;
  followUpAt: string | null;
  /** 0: none, 1: working group, 2: steering committee. */
  escalationLevel: number;
  context: Record<string, unknown>;
  result: Record<string, unknown> | null;
  completedBy: string | null;
  completedAt: string | null;
}

/** An open task as the cycle workflow holds it and its queries show it: a part of the `Task`. */
export type TaskView = Pick<Task, 'id' | 'key' | 'type' | 'phase' | 'candidateGroups' | 'status' | 'createdAt' | 'dueAt' | 'escalationLevel'> & {
  /** Department the task is for, when it is a department's task. */
  department?: string;
  measureIds?: string[];
  context?: Record<string, unknown>;
};

export interface HistoryEntry {
  at: string;
  event: string;
  phase: Phase | null;
  taskId?: string;
  by?: Person;
  detail?: string;
}

export interface CycleState {
  spaceCode: string;
  number: number;
  status: CycleStatus;
  phase: Phase;
  openTasks: TaskView[];
  history: HistoryEntry[];
}

export interface CompleteTaskInput {
  taskId: string;
  result: unknown;
  by: Person & { groups: CandidateGroup[] };
}
export interface CompleteTaskOutcome {
  taskId: string;
  phase: Phase;
  /**
   * false: the cycle has taken the completion and scheduled its write to the read model, which has not
   * committed yet (the strategy service waits for it); absent: written before the update answered.
   */
  recorded?: false;
}

/** Completing a task goes through an update, so the caller learns at once whether it was accepted. */
export const completeTaskUpdate = defineUpdate<CompleteTaskOutcome, [CompleteTaskInput]>('completeTask');
export const cancelCycleUpdate = defineUpdate<void, [{ reason: string; by: Person }]>('cancelCycle');
export const suspendSignal = defineSignal<[{ reason: string; by: Person }]>('suspend');
export const resumeSignal = defineSignal<[{ by: Person }]>('resume');

export const stateQuery = defineQuery<CycleState>('state');
export const phaseQuery = defineQuery<Phase>('phase');
export const openTasksQuery = defineQuery<TaskView[]>('openTasks');
export const historyQuery = defineQuery<HistoryEntry[]>('history');
