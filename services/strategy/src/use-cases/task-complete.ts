import { createHash, randomUUID } from 'node:crypto';
import { candidateGroupsOf, completeTaskUpdate, TASK_TYPES, type Task, validateTaskResult } from '@sozialraum/contracts';
import { type Principal, retryAfterFor } from '@sozialraum/kit';
import { acquireCompletion, dropCompletion, expireCompletion } from '../data/completions.repository';
import { completionRecorded, markCompleted } from '../data/tasks.repository';
import type { StrategyDependencies } from '../dependencies';
import type { components } from '../generated/api';
import { taskProblem } from './task-problems';
import { assertMayAct, visibleTask } from './tasks';
import { taskView } from './views';
import { workflowRefusal } from './workflow';

type Deps = Pick<StrategyDependencies, 'pool' | 'temporal' | 'temporalDeadline' | 'config' | 'inboxCache' | 'logger'>;

/**
 * Completes a task through the workflow's update, so the caller learns at once whether it was accepted.
 * At most one request per task sends the update (a lease in the database refuses concurrent ones), and
 * the update ID is the task ID with a digest of the result, so the same request sent again after a crash is
 * deduplicated by Temporal (a completion happens once or is refused, never twice), while a corrected result
 * after a refusal by the handler (a budget that changed, the measures service's refusal) is a new update. The update runs under TEMPORAL_TIMEOUT_MS (shorter than the
 * lease): past it the caller gets 503 with Retry-After and the lease is released for the retry at once.
 */
export async function completeTask(deps: Deps, id: string, principal: Principal, result: unknown): Promise<components['schemas']['Completion']> {
  const holder = randomUUID();
  const by = { id: principal.id, name: principal.name };
  // The task and the lease side by side (one round trip of waiting). The lease statement checks what the checks
  // below check, so a request they refuse has taken no lease; one granted while the task changed is dropped.
  const eligible = { groups: candidateGroupsOf(principal), types: TASK_TYPES.filter((type) => validateTaskResult(type, result).ok) };
  const [found, leased] = await Promise.allSettled([
    visibleTask(deps.pool, id, principal),
    acquireCompletion(deps.pool, id, holder, by, deps.config.COMPLETION_LEASE_MS, eligible),
  ]);
  let task, form, lease;
  try {
    if (found.status === 'rejected') throw found.reason;
    task = found.value;
    form = mayComplete(task, principal, result);
    if (leased.status === 'rejected') throw leased.reason;
    lease = leased.value;
  } catch (error) {
    if (leased.status === 'fulfilled' && leased.value.granted) await dropCompletion(deps.pool, id, holder);
    throw error;
  }
  if (!lease.granted) {
    const other = lease.current;
    if (other?.state === 'done') {
      throw taskProblem(409, 'task-not-open', `Task ${id} has already been completed by ${other.by.name}.`, { extensions: { taskStatus: 'completed' } });
    }
    // Nobody holds the lease, so the task changed between the two reads (claimed, completed): the refusal as it is now.
    if (other === undefined || other.leaseUntil.getTime() < Date.now()) mayComplete(await visibleTask(deps.pool, id, principal), principal, result);
    throw taskProblem(409, 'completion-in-progress', `Task ${id} is being completed by ${other?.by.name ?? 'someone else'}; try again shortly.`);
  }

  let outcome;
  try {
    outcome = await deps.temporalDeadline(() =>
      deps.temporal.workflow.getHandle(task.cycleId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: id, result: form.value, by: { ...by, groups: eligible.groups } }],
        updateId: completionUpdateId(id, form.value),
      }),
    );
  } catch (error) {
    const refusal = workflowRefusal(error);
    if (refusal) await dropCompletion(deps.pool, id, holder);
    else await expireCompletion(deps.pool, id, holder);
    throw (
      refusal ??
      taskProblem(503, 'cycle-unavailable', 'The cycle did not answer; it may or may not have taken the completion. Send it again: it is never applied twice.', {
        cause: error,
        retryAfterSeconds: retryAfterFor(deps.config.TEMPORAL_TIMEOUT_MS),
      })
    );
  }
  if (outcome.recorded === false && !(await recordedByTheCycle(deps, id))) {
    deps.logger.warn({ taskId: id }, 'the cycle took the completion but has not recorded it yet; answering with the task row written here');
  }
  // The lease's outcome and the task row in one statement.
  const row = await markCompleted(deps.pool, id, principal.name, form.value, { holder, outcome });
  return { task: taskView(row ?? task), phase: outcome.phase };
}

/** The checks of a completion on the task as read: its form, then whether the caller may act on it; the parsed result. */
function mayComplete(task: Task, principal: Principal, result: unknown): { ok: true; value: unknown } {
  const form = validateTaskResult(task.type, result);
  if (!form.ok) throw taskProblem(400, 'invalid-task-result', `The result does not fit the form of a ${task.type} task.`, { errors: form.problems });
  assertMayAct(task, principal);
  return form;
}

/** Longest pause between two looks at the row when no change is heard (notifications away). */
const RECORDED_POLL_MS = 100;

/**
 * The cycle answers once it has scheduled the completion's write (a workflow task earlier than waiting for
 * it); this service's activity worker (or another replica's) commits it. The caller is answered after that
 * commit, so its next reads show the completion and what it wrote: woken by the task version's notification
 * or this process's own commit, bounded by TEMPORAL_TIMEOUT_MS.
 */
async function recordedByTheCycle(deps: Deps, id: string): Promise<boolean> {
  const until = Date.now() + deps.config.TEMPORAL_TIMEOUT_MS;
  for (;;) {
    // Asked before the look, so a commit between the look and the wait still wakes it.
    const changed = deps.inboxCache.version.nextChange(RECORDED_POLL_MS);
    if (await completionRecorded(deps.pool, id)) return true;
    if (Date.now() >= until) return false;
    await changed;
  }
}

/** `<task id>#<digest of the result>`: one update per task and result (zod's parse fixes the key order). */
export function completionUpdateId(taskId: string, result: unknown): string {
  return `${taskId}#${createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16)}`;
}
