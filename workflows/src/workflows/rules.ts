import { type CompleteTaskInput, type FieldProblems, REJECTIONS, type Rejection, type TaskResult, type TaskType, validateTaskResult } from '@sozialraum/contracts';
import { ApplicationFailure } from '@temporalio/workflow';
import type { Cycle, TaskRecord } from './cycle';

/** A refusal the strategy service can map by `type`; field problems travel as the first detail. */
export const reject = (type: Rejection, message: string, problems?: FieldProblems) =>
  ApplicationFailure.create({ type, message, nonRetryable: true, details: problems ? [problems] : [] });

type Rule<T extends TaskType> = (cycle: Cycle, task: TaskRecord, result: TaskResult<T>) => FieldProblems;
const list = (items: Iterable<string>) => [...items].join(', ');

/** What the forms cannot know: rules that depend on the cycle's state. Each returns the field problems. */
const phaseRules: { [T in TaskType]?: Rule<T> } = {
  'document-participation': (cycle, _task, r) =>
    r.close && cycle.participationRecords + r.records.length === 0
      ? [{ pointer: '/result/close', detail: 'participation can only be closed with at least one documented format in this cycle' }]
      : [],
  'set-goals': (_cycle, _task, r) => {
    const keys = r.needs.map((n) => n.key);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    return twice.length ? [{ pointer: '/result/needs', detail: `need keys must be unique; repeated: ${list(new Set(twice))}` }] : [];
  },
  'propose-measures': (_cycle, task, r) =>
    r.decision === 'decline'
      ? []
      : r.measures.flatMap((m, i) => [
          ...(task.needKeys?.includes(m.needKey) ? [] : [{ pointer: `/result/measures/${i}/needKey`, detail: `must be one of this department's needs: ${list(task.needKeys ?? [])}` }]),
          // The measures service refuses such a measure; refused here, before any measure of the proposal exists.
          ...(m.start && m.end && m.end < m.start ? [{ pointer: `/result/measures/${i}/end`, detail: `ends before it starts (${m.end} < ${m.start})` }] : []),
        ]),
  'decide-package': (_cycle, task, r) => {
    const expected = new Set(task.measureIds ?? []);
    const given = r.decisions.map((d) => d.measureId);
    const missing = [...expected].filter((id) => !given.includes(id));
    const unknown = given.filter((id) => !expected.has(id));
    const twice = given.filter((id, i) => given.indexOf(id) !== i);
    const problems: string[] = [];
    if (missing.length) problems.push(`missing a decision for ${list(missing)}`);
    if (unknown.length) problems.push(`not in this package: ${list(unknown)}`);
    if (twice.length) problems.push(`decided more than once: ${list(new Set(twice))}`);
    return problems.length ? [{ pointer: '/result/decisions', detail: `decide every measure of the package exactly once — ${problems.join('; ')}` }] : [];
  },
  'report-status': (_cycle, task, r) =>
    r.reports.flatMap((rep, i) =>
      task.measureIds?.includes(rep.measureId) ? [] : [{ pointer: `/result/reports/${i}/measureId`, detail: `must be one of ${list(task.measureIds ?? [])}` }],
    ),
  'evaluate-measure': (_cycle, task, r) =>
    task.measureIds?.[0] === r.measureId ? [] : [{ pointer: '/result/measureId', detail: `this task evaluates ${task.measureIds?.[0] ?? '?'}` }],
};

/** The completeTask validator: runs before the update enters history, so refusals leave no trace. */
export function validateCompletion(cycle: Cycle, input: CompleteTaskInput): void {
  if (cycle.status === 'suspended') {
    throw reject(REJECTIONS.cycleNotRunning, `The cycle is suspended${cycle.statusReason ? ` (${cycle.statusReason})` : ''}: tasks cannot be completed until it is resumed.`);
  }
  if (cycle.status !== 'running') throw reject(REJECTIONS.cycleNotRunning, `The cycle is ${cycle.status}: its tasks cannot be completed any more.`);
  if (!input?.by?.id || typeof input.by.name !== 'string' || !Array.isArray(input.by.groups)) throw reject(REJECTIONS.invalidRequest, 'A completion must say who completes it (by.id, by.name, by.groups).');
  const task = cycle.tasks.get(input.taskId);
  if (!task) throw reject(REJECTIONS.taskNotFound, `Task ${input.taskId} is not a task of this cycle.`);
  if (task.status !== 'open') throw reject(REJECTIONS.taskNotOpen, `Task ${task.id} is not open: it is ${task.status}.`);
  if (!task.candidateGroups.some((g) => input.by.groups.includes(g))) {
    throw reject(REJECTIONS.notCandidate, `Task ${task.id} is for ${list(task.candidateGroups)}; you are in none of these groups.`);
  }
  const checked = validateTaskResult(task.type, input.result);
  if (!checked.ok) throw reject(REJECTIONS.invalidResult, describe(task.type, checked.problems), checked.problems);
  if (hasNul(checked.value)) throw reject(REJECTIONS.invalidResult, `The result of ${task.type} was refused: text must not contain NUL characters.`);
  const rule = phaseRules[task.type] as Rule<TaskType> | undefined;
  const problems = rule?.(cycle, task, checked.value as TaskResult<TaskType>) ?? [];
  if (problems.length) throw reject(REJECTIONS.phaseRule, describe(task.type, problems), problems);
}

/** PostgreSQL text cannot hold NUL; refused here, before the update is accepted, rather than by the write. */
const hasNul = (value: unknown): boolean =>
  typeof value === 'string' ? value.includes('\u0000') : value !== null && typeof value === 'object' ? Object.values(value).some(hasNul) : false;

const describe = (type: TaskType, problems: FieldProblems) =>
  `The result of ${type} was refused: ${problems.map((p) => `${p.pointer}: ${p.detail}`).join('; ')}`;

export function validateCancel(cycle: Cycle, input: { reason: string; by: { id: string } }): void {
  if (cycle.status === 'completed' || cycle.status === 'cancelled') throw reject(REJECTIONS.cycleNotRunning, `The cycle is ${cycle.status} already.`);
  if (!input?.reason?.trim()) throw reject(REJECTIONS.invalidRequest, 'Cancelling a cycle needs a reason.', [{ pointer: '/reason', detail: 'required' }]);
}
