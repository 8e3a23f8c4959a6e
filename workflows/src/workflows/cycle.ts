import {
  type CycleInput, type CycleState, type CycleStatus, cycleWorkflowId, type Goal, type HistoryEntry, type Need, type Person,
  type Phase, type ProposedMeasure, type TaskView,
} from '@sozialraum/contracts';
import type { CancellationScope } from '@temporalio/workflow';
import type { DecidedStatus, MeasureRef } from '@sozialraum/contracts';

export interface Completion {
  result: unknown;
  by: Person;
  /** Measures a proposal created (propose-measures). */
  measures: MeasureRef[];
}

/** A task as the workflow keeps it: the view plus what its rules and waiters need. */
export interface TaskRecord extends TaskView {
  /** Needs a department may propose measures for. */
  needKeys?: string[];
  completion?: Completion;
  /**
   * Set once the read-model row exists. The task is known to the validator before that, because a user can
   * see it in the inbox as soon as the row commits; the completion's write waits for it.
   */
  written: boolean;
  /** Reminder and escalation timers; cancelled when the task closes. */
  timers?: CancellationScope;
}

export interface MeasureState extends MeasureRef {
  proposal: ProposedMeasure;
  status: 'proposed' | DecidedStatus;
  reason?: string;
  finished: boolean;
  recommendation?: 'continue' | 'adapt' | 'stop';
}

/** Everything one cycle workflow knows; queries read it, validators check against it. */
export class Cycle {
  readonly id: string;
  status: CycleStatus = 'running';
  statusReason?: string;
  phase: Phase = 'analysis';
  /** Set once the cycle row exists, so status writes have a row to change. */
  recorded = false;
  /** The last phase write in flight (see enterPhase): the cycle's completion waits for it. */
  phaseWritten: Promise<void> = Promise.resolve();
  /** Completion writes in flight whose update has answered (see completeTask): the cycle ends after them. */
  completionsWritten: Promise<void> = Promise.resolve();
  participationRecords = 0;
  goals: Goal[] = [];
  needs: Need[] = [];
  readonly tasks = new Map<string, TaskRecord>();
  readonly measures = new Map<string, MeasureState>();
  /** IDs of the measures service's events applied so far: a repeated delivery changes nothing. */
  readonly measureEvents = new Set<number>();
  readonly history: HistoryEntry[] = [];
  private readonly counters = new Map<string, number>();

  constructor(readonly input: CycleInput) {
    this.id = cycleWorkflowId(input.spaceCode, input.number);
  }

  /** Workflow time: Temporal makes Date deterministic inside workflows. */
  now(): string {
    return new Date().toISOString();
  }

  log(event: string, extra: Omit<HistoryEntry, 'at' | 'event' | 'phase'> = {}): void {
    this.history.push({ at: this.now(), event, phase: this.phase, ...extra });
  }

  /** 1, 2, 3, … per prefix: the running number in task keys such as `set-goals-2`. */
  next(prefix: string): number {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return n;
  }

  openTasks(): TaskView[] {
    return [...this.tasks.values()].filter((t) => t.status === 'open' && t.written).map(toView);
  }

  state(): CycleState {
    return { spaceCode: this.input.spaceCode, number: this.input.number, status: this.status, phase: this.phase, openTasks: this.openTasks(), history: this.history };
  }
}

function toView({ needKeys: _n, completion: _c, timers: _t, written: _w, ...view }: TaskRecord): TaskView {
  return view;
}
