import type { CandidateGroup } from './groups';
import type { CycleInput, Person } from './cycle';
import type { Goal, ProposedMeasure, TaskResult, TaskType } from './forms';
import type { MeasureEvent } from './measures';
import type { BudgetChange } from './rejections';
import type { CycleStatus, Phase } from './phases';
import type { EvidenceSnapshot, IndicatorComparison, SpaceProfile } from './evidence';

/**
 * The activities of a strategy cycle and who runs them. The workflow (workflows/) runs on the cycle's task
 * queue; each activity runs in the service that owns the data it touches, on a queue derived from the
 * cycle's: `<cycle queue>.strategy`, `<cycle queue>.measures`, `<cycle queue>.monitoring`. Tests give each
 * file its own cycle queue, so their activities stay with their own services too.
 */
export const ACTIVITY_OWNERS = ['strategy', 'measures', 'monitoring'] as const;
export type ActivityOwner = (typeof ACTIVITY_OWNERS)[number];
export const activityQueue = (cycleQueue: string, owner: ActivityOwner) => `${cycleQueue}.${owner}`;

/** A measure as the cycle knows it: what the decision and implementation phases need. */
export interface MeasureRef {
  id: string;
  needKey: string;
  department: string;
  title: string;
}

export interface TaskRow {
  id: string;
  cycleId: string;
  spaceCode: string;
  key: string;
  type: TaskType;
  phase: Phase;
  candidateGroups: CandidateGroup[];
  department?: string;
  measureIds: string[];
  createdAt: string;
  dueAt: string;
  context: Record<string, unknown>;
}

export interface TaskRef {
  id: string;
  cycleId: string;
  type: TaskType;
  spaceCode: string;
  candidateGroups: CandidateGroup[];
  dueAt: string;
  at: string;
}

export interface CompletionRecord {
  cycleId: string;
  task: { id: string; type: TaskType; department?: string };
  /** The result as the workflow parsed it (form defaults applied). */
  result: unknown;
  by: Person;
  at: string;
  /** The measures the measures service created for a proposal, in order; without them (older cycles) the read model numbers them. */
  measures?: MeasureRef[];
}

/** Run by the strategy service: its read model (cycles, tasks, domain records), notifications, the next cycle. */
export interface StrategyActivities {
  recordCycle(input: { cycleId: string; spaceCode: string; number: number; alertId?: number; startedBy: Person; at: string }): Promise<void>;
  /** Keeps monitoring's evidence in cycle.evidence; the first write wins (a retry does not replace it). */
  storeEvidence(input: { cycleId: string; snapshot: EvidenceSnapshot }): Promise<{ available: boolean; reason?: string }>;
  /** What monitoring compares at reflection: the goals and, of the frozen evidence, only their indicators. */
  reflectionBasis(input: { cycleId: string }): Promise<{ goals: Goal[]; before: SpaceProfile | null }>;
  /** Keeps the reflection snapshot and comparison in cycle.reflection (first write wins) and returns what is stored. */
  storeReflection(input: { cycleId: string; snapshot: EvidenceSnapshot; comparison: IndicatorComparison[] }): Promise<{ available: boolean; comparison: IndicatorComparison[] }>;
  enterPhase(input: { cycleId: string; phase: Phase; previous?: Phase; at: string }): Promise<void>;
  setCycleStatus(input: { cycleId: string; status: Extract<CycleStatus, 'running' | 'suspended'>; reason?: string }): Promise<void>;
  cancelCycle(input: { cycleId: string; reason: string; at: string }): Promise<void>;
  completeCycle(input: { cycleId: string; openNeedKeys: string[]; at: string }): Promise<void>;
  startNextCycle(input: { workflowId: string; taskQueue: string; input: CycleInput }): Promise<{ started: boolean }>;
  createTask(task: TaskRow): Promise<void>;
  /** The task's result and its records in the read model; returns the measures it recorded for a proposal. */
  completeTask(completion: CompletionRecord): Promise<{ measures: MeasureRef[] }>;
  cancelTasks(input: { taskIds: string[] }): Promise<void>;
  remindTask(task: TaskRef): Promise<void>;
  escalateTask(task: TaskRef & { level: 1 | 2 }): Promise<void>;
  recordMeasureEvent(event: MeasureEvent): Promise<void>;
  /** After a refused approval: the decision task shows the amounts the measures have now. */
  showCurrentBudgets(input: { taskId: string; changes: BudgetChange[] }): Promise<void>;
}

/** A proposed measure with the target groups of its need (the workflow knows them from the goals). */
export type MeasureProposal = ProposedMeasure & { targetGroups: string[] };

/**
 * Run by the measures service, in its own transactions and outbox. Every call is idempotent for the same
 * `taskId`, because activities are retried; a refusal is a non-retryable failure of type REJECTIONS.*.
 */
export interface MeasuresActivities {
  /** Creates a department's proposals as measures and returns them with their IDs, in the order given. */
  proposeMeasures(input: { cycleId: string; taskId: string; department: string; measures: MeasureProposal[] }): Promise<MeasureRef[]>;
  /** Applies the steering committee's decisions (approved measures start at once). */
  decideMeasures(input: { cycleId: string; taskId: string; decisions: TaskResult<'decide-package'>['decisions'] }): Promise<void>;
  /** Files the status reports (finished → completed). */
  reportMeasures(input: { cycleId: string; taskId: string; reports: TaskResult<'report-status'>['reports'] }): Promise<void>;
  evaluateMeasure(input: { cycleId: string; taskId: string; evaluation: TaskResult<'evaluate-measure'>; by: string; at: string }): Promise<void>;
}

/**
 * Run by the monitoring service, through its own use cases and with the disclosure every other service gets
 * (docs/monitoring.md#confidentiality): the evidence is what the strategy service may see. Results carry the
 * profile of one space (the snapshot stores it whole), well under Temporal's payload limit.
 */
export interface MonitoringActivities {
  /** Marks the alert as handed to this cycle (idempotent for the same cycle); a failure is reported, never thrown. */
  handOverAlert(input: { cycleId: string; alertId: number }): Promise<{ ok: boolean; reason?: string }>;
  /** The space's profile now; after passing failures, or at once for an unknown space, the snapshot says why it is missing. */
  snapshotSpace(input: { spaceCode: string }): Promise<EvidenceSnapshot>;
  /** A new snapshot and the before/after comparison on the goals' indicators against `before` (the frozen evidence). */
  compareWithEvidence(input: { spaceCode: string; goals: Goal[]; before: SpaceProfile | null }): Promise<{ snapshot: EvidenceSnapshot; comparison: IndicatorComparison[] }>;
}

/**
 * The strategy service ran monitoring's part before (calling its API); cycles whose histories recorded these
 * replay them (`patched('monitoring-in-its-service')` in the workflow). No worker runs them any more.
 */
export interface FormerStrategyMonitoringCalls {
  handOverAlert(input: { cycleId: string; alertId: number }): Promise<{ ok: boolean; reason?: string }>;
  freezeEvidence(input: { cycleId: string; spaceCode: string }): Promise<{ available: boolean; reason?: string }>;
  freezeReflection(input: { cycleId: string; spaceCode: string }): Promise<{ available: boolean; comparison: IndicatorComparison[] }>;
}
