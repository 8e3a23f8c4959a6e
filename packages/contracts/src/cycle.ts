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

export interface TaskView {
  /** `${workflowId}/${key}`: deterministic, so activities can write the read model idempotently. */
  id: string;
  key: string;
  type: TaskType;
  phase: Phase;
  candidateGroups: CandidateGroup[];
  /** Department the task is for, when it is a department's task. */
  department?: string;
  /** Measure the task is about (status reports, evaluations). */
  measureIds?: string[];
  status: TaskStatus;
  createdAt: string;
  dueAt: string;
  /** 0: none, 1: working group, 2: steering committee. */
  escalationLevel: number;
  context?: Record<string, unknown>;
}

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
