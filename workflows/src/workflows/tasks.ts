import {
  type BudgetChange, candidates, type CandidateGroup, type FieldProblems, type CompleteTaskInput, type CompleteTaskOutcome, type MeasureRef, REJECTIONS,
  type TaskRef, type TaskResult, type TaskType, validateTaskResult,
} from '@sozialraum/contracts';
import { ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, patched, sleep } from '@temporalio/workflow';
import { acts, measureActs } from './activities';
import type { Completion, Cycle, TaskRecord } from './cycle';
import { reject } from './rules';

export interface TaskSpec<T extends TaskType = TaskType> {
  /** Unique within the cycle: `participation-2`, `propose-soziales-1`, … The task ID is `${cycle}/${key}`. */
  key: string;
  type: T;
  candidateGroups: CandidateGroup[];
  department?: string;
  measureIds?: string[];
  needKeys?: string[];
  context?: Record<string, unknown>;
}

export type Completed<T extends TaskType> = Omit<Completion, 'result'> & { result: TaskResult<T> };

/** New work waits while the cycle is suspended; cancellation of the cycle rejects the wait. */
export const whileSuspended = (cycle: Cycle) => condition(() => cycle.status === 'running');

/** Opens a task: known to the validator at once, written to the read model (with its notification), then its timers run. */
export async function openTask(cycle: Cycle, spec: TaskSpec): Promise<TaskRecord> {
  await whileSuspended(cycle);
  const id = `${cycle.id}/${spec.key}`;
  const now = Date.now();
  const record: TaskRecord = {
    id, key: spec.key, type: spec.type, phase: cycle.phase, candidateGroups: spec.candidateGroups, department: spec.department,
    measureIds: spec.measureIds, status: 'open', createdAt: new Date(now).toISOString(),
    dueAt: new Date(now + cycle.input.timings.taskDueMs).toISOString(), escalationLevel: 0, context: spec.context, needKeys: spec.needKeys,
    written: false,
  };
  cycle.tasks.set(id, record);
  await acts.createTask({
    id, cycleId: cycle.id, spaceCode: cycle.input.spaceCode, key: spec.key, type: spec.type, phase: record.phase,
    candidateGroups: spec.candidateGroups, department: spec.department, measureIds: spec.measureIds ?? [], createdAt: record.createdAt,
    dueAt: record.dueAt, context: spec.context ?? {},
  });
  record.written = true;
  cycle.log('task-created', { taskId: id });
  // It may have been completed while its row was being written (the inbox shows it as soon as it commits).
  if (record.status === 'open') watchDeadlines(cycle, record);
  return record;
}

/** Resolves with the completion, or undefined when the task was cancelled. */
export async function settled(record: TaskRecord): Promise<Completion | undefined> {
  await condition(() => record.completion !== undefined || record.status === 'cancelled');
  return record.completion;
}

/** Runs work alongside the phase; its cancellation with the cycle is expected, anything else fails the task. */
export function background(work: Promise<unknown>): void {
  work.catch((error: unknown) => {
    if (!isCancellation(error)) throw error;
  });
}

/** Opens a task and waits for its completion. */
export async function doTask<T extends TaskType>(cycle: Cycle, spec: TaskSpec<T>): Promise<Completed<T>> {
  const record = await openTask(cycle, spec);
  await condition(() => record.completion !== undefined);
  return record.completion as Completed<T>;
}

/** The completeTask update's handler: the validator has checked everything, so this cannot be refused. */
export async function completeTask(cycle: Cycle, input: CompleteTaskInput): Promise<CompleteTaskOutcome> {
  const record = cycle.tasks.get(input.taskId) as TaskRecord;
  const checked = validateTaskResult(record.type, input.result);
  const result = checked.ok ? checked.value : input.result;
  // Closed at once, before the write: a second completion is refused by the validator from now on.
  record.status = 'completed';
  record.timers?.cancel();
  await condition(() => record.written || cycle.status === 'cancelled');
  const by = { id: input.by.id, name: input.by.name };
  const completion = { cycleId: cycle.id, task: { id: record.id, type: record.type, department: record.department }, result, by, at: cycle.now() };
  if (!MEASURE_TASKS.has(record.type) && patched(COMPLETION_BESIDE_NEXT_WORK)) return completeBesideNextWork(cycle, record, completion);
  // Cycles from before: one activity wrote the read model and called the measures service.
  const measuresFirst = patched(MEASURES_IN_THEIR_SERVICE);
  let measures: MeasureRef[];
  try {
    const created = measuresFirst ? await inMeasuresService(cycle, completion) : undefined;
    ({ measures } = await acts.completeTask({ ...completion, ...(created ? { measures: created } : {}) }));
  } catch (error) {
    const cause = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : undefined;
    const refusal = cause?.type === REJECTIONS.invalidResult || cause?.type === REJECTIONS.budgetChanged ? cause.type : undefined;
    if (!cause || !refusal || cycle.status === 'cancelled') throw error;
    // Nothing was written (the transaction rolled back): the task is open again, with its timers.
    record.status = 'open';
    watchDeadlines(cycle, record);
    if (refusal === REJECTIONS.budgetChanged) {
      const changes = cause.details?.[1] as BudgetChange[] | undefined;
      if (measuresFirst && changes?.length) await acts.showCurrentBudgets({ taskId: record.id, changes });
      showCurrentBudgets(cycle, record, changes);
      throw reject(refusal, cause.message, cause.details?.[0] as FieldProblems | undefined);
    }
    throw reject(refusal, cause.message);
  }
  record.completion = { result, by, measures };
  cycle.log('task-completed', { taskId: record.id, by });
  return { taskId: record.id, phase: cycle.phase };
}

/**
 * Since this patch, a task whose result only the read model keeps lets the cycle go on at once: its next
 * task (or phase) is written beside the completion instead of after it, so the person who completed it
 * waits for one activity, not two in a row.
 */
export const COMPLETION_BESIDE_NEXT_WORK = 'completion-beside-next-work';

/** Tasks whose completion the measures service takes part in: it may refuse them, so the cycle waits for it. */
const MEASURE_TASKS: ReadonlySet<TaskType> = new Set(['propose-measures', 'decide-package', 'report-status', 'evaluate-measure']);

/**
 * Completes a task the measures service has no part in. Everything its write could refuse the validator has
 * checked (forms, calendar dates, NUL characters, unique need keys: rules.ts), so the completion counts at
 * once; the update still answers only once the read model has it. Were the write refused all the same, the
 * update fails with it and the task stays completed in the cycle.
 */
async function completeBesideNextWork(cycle: Cycle, record: TaskRecord, completion: CompletionInput & { by: { id: string; name: string } }): Promise<CompleteTaskOutcome> {
  const phase = cycle.phase;
  record.completion = { result: completion.result, by: completion.by, measures: [] };
  cycle.log('task-completed', { taskId: record.id, by: completion.by });
  if (patched(COMPLETION_ANSWERS_WHEN_SCHEDULED)) {
    // The update answers in this workflow task; the service waits for the write's commit itself (task-complete.ts).
    const written = acts.completeTask(completion).then(
      () => undefined,
      (error: unknown) => {
        if (isCancellation(error)) return;
        // Refused although the validator accepted it (it checks all the write checks): the cycle goes on.
        cycle.log('task-completion-not-recorded', { taskId: record.id, detail: error instanceof Error ? error.message : String(error) });
      },
    );
    cycle.completionsWritten = Promise.all([cycle.completionsWritten, written]).then(() => undefined);
    return { taskId: record.id, phase, recorded: false };
  }
  await acts.completeTask(completion);
  return { taskId: record.id, phase };
}

/**
 * Since this patch, such a completion's update answers as soon as its write is scheduled (the workflow task
 * that accepted it), not one workflow task after the write: the strategy service, which runs the write,
 * waits for its commit before it answers the person (read-your-writes as before, without the second task).
 */
export const COMPLETION_ANSWERS_WHEN_SCHEDULED = 'completion-answers-when-scheduled';

/** Since this patch, the measures service does its part of a completion first, then the read model records it. */
export const MEASURES_IN_THEIR_SERVICE = 'measures-in-their-service';

type CompletionInput = { cycleId: string; task: { id: string; type: TaskType; department?: string }; result: unknown; by: { name: string }; at: string };

/** The measures service's part of a completion (its own transactions); the measures a proposal created. */
async function inMeasuresService(cycle: Cycle, c: CompletionInput): Promise<MeasureRef[] | undefined> {
  const base = { cycleId: c.cycleId, taskId: c.task.id };
  switch (c.task.type) {
    case 'propose-measures': {
      const form = c.result as TaskResult<'propose-measures'>;
      if (form.decision === 'decline') return undefined;
      const targetGroupsOf = (needKey: string) => cycle.needs.find((n) => n.key === needKey)?.targetGroups ?? [];
      const measures = form.measures.map((m) => ({ ...m, targetGroups: targetGroupsOf(m.needKey) }));
      return measureActs.proposeMeasures({ ...base, department: c.task.department ?? '', measures });
    }
    case 'decide-package':
      await measureActs.decideMeasures({ ...base, decisions: (c.result as TaskResult<'decide-package'>).decisions });
      return undefined;
    case 'report-status':
      await measureActs.reportMeasures({ ...base, reports: (c.result as TaskResult<'report-status'>).reports });
      return undefined;
    case 'evaluate-measure':
      await measureActs.evaluateMeasure({ ...base, evaluation: c.result as TaskResult<'evaluate-measure'>, by: c.by.name, at: c.at });
      return undefined;
    default:
      return undefined;
  }
}

/** The amounts the measures have now, as the activity found them: later tasks and the open one show them. */
function showCurrentBudgets(cycle: Cycle, record: TaskRecord, changes: BudgetChange[] = []): void {
  for (const { measureId, current } of changes) {
    const measure = cycle.measures.get(measureId);
    if (measure) measure.proposal = { ...measure.proposal, budgetPlanned: current ?? undefined };
    const shown = (record.context?.measures as Array<{ measureId: string; budgetPlanned?: number }> | undefined)?.find((m) => m.measureId === measureId);
    if (shown) shown.budgetPlanned = current ?? undefined;
  }
}

/** Cancels tasks that are no longer needed (open status reports at the end of implementation). */
export async function cancelTasks(cycle: Cycle, records: TaskRecord[]): Promise<void> {
  const open = records.filter((r) => r.status === 'open');
  if (!open.length) return;
  for (const r of open) {
    r.status = 'cancelled';
    r.timers?.cancel();
    cycle.log('task-cancelled', { taskId: r.id });
  }
  await acts.cancelTasks({ taskIds: open.map((r) => r.id) });
}

/**
 * Durable timers per open task: a reminder before the due date, escalation to the working group at it and
 * to the steering committee `escalationAfterMs` later. They run in their own scope, cancelled when the task
 * closes; nothing is sent while the cycle is suspended.
 */
function watchDeadlines(cycle: Cycle, record: TaskRecord): void {
  const { reminderBeforeMs, escalationAfterMs } = cycle.input.timings;
  const created = Date.parse(record.createdAt);
  const due = Date.parse(record.dueAt);
  const ref = (): TaskRef => ({
    id: record.id, cycleId: cycle.id, type: record.type, spaceCode: cycle.input.spaceCode, candidateGroups: record.candidateGroups,
    dueAt: record.dueAt, at: cycle.now(),
  });
  const escalate = async (level: 1 | 2) => {
    record.escalationLevel = level;
    cycle.log('task-escalated', { taskId: record.id, detail: `level ${level} to ${level === 1 ? candidates.workingGroup : candidates.steeringCommittee}` });
    await acts.escalateTask({ ...ref(), level });
  };
  const steps: Array<{ at: number; run: () => Promise<void> }> = [
    ...(reminderBeforeMs > 0 && due - reminderBeforeMs > created
      ? [{ at: due - reminderBeforeMs, run: async () => { cycle.log('task-reminded', { taskId: record.id }); await acts.remindTask(ref()); } }]
      : []),
    { at: due, run: () => escalate(1) },
    { at: due + escalationAfterMs, run: () => escalate(2) },
  ];
  const scope = new CancellationScope();
  record.timers = scope;
  background(
    scope.run(async () => {
      for (const step of steps) {
        const wait = step.at - Date.now();
        if (wait > 0) await sleep(wait);
        await whileSuspended(cycle);
        await step.run();
      }
    }),
  );
}
