import { createHash, randomUUID } from 'node:crypto';
import { candidateGroupsOf, completeTaskUpdate, validateTaskResult } from '@sozialraum/contracts';
import { type Principal, retryAfterFor } from '@sozialraum/kit';
import { acquireCompletion, dropCompletion, expireCompletion, finishCompletion } from '../data/completions.repository';
import { markCompleted } from '../data/tasks.repository';
import type { StrategyDependencies } from '../dependencies';
import type { components } from '../generated/api';
import { taskProblem } from './task-problems';
import { assertMayAct, visibleTask } from './tasks';
import { taskView } from './views';
import { workflowRefusal } from './workflow';

type Deps = Pick<StrategyDependencies, 'pool' | 'temporal' | 'temporalDeadline' | 'config'>;

/**
 * Completes a task through the workflow's update, so the caller learns at once whether it was accepted.
 * At most one request per task sends the update (a lease in the database refuses concurrent ones), and
 * the update ID is the task ID with a digest of the result, so the same request sent again after a crash is
 * deduplicated by Temporal (a completion happens once or is refused, never twice), while a corrected result
 * after a refusal by the handler (a budget that changed, the measures service's refusal) is a new update. The update runs under TEMPORAL_TIMEOUT_MS (shorter than the
 * lease): past it the caller gets 503 with Retry-After and the lease is released for the retry at once.
 */
export async function completeTask(deps: Deps, id: string, principal: Principal, result: unknown): Promise<components['schemas']['Completion']> {
  const task = await visibleTask(deps.pool, id, principal);
  const form = validateTaskResult(task.type, result);
  if (!form.ok) throw taskProblem(400, 'invalid-task-result', `The result does not fit the form of a ${task.type} task.`, { errors: form.problems });
  assertMayAct(task, principal);

  const holder = randomUUID();
  const by = { id: principal.id, name: principal.name };
  const lease = await acquireCompletion(deps.pool, id, holder, by, deps.config.COMPLETION_LEASE_MS);
  if (!lease.granted) {
    const other = lease.current;
    throw other?.state === 'done'
      ? taskProblem(409, 'task-not-open', `Task ${id} has already been completed by ${other.by.name}.`, { extensions: { taskStatus: 'completed' } })
      : taskProblem(409, 'completion-in-progress', `Task ${id} is being completed by ${other?.by.name ?? 'someone else'}; try again shortly.`);
  }

  let outcome;
  try {
    outcome = await deps.temporalDeadline(() =>
      deps.temporal.workflow.getHandle(task.cycleId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: id, result: form.value, by: { ...by, groups: candidateGroupsOf(principal) } }],
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
  // Two independent writes (the lease's outcome, the task row): side by side, the caller waits for one round trip.
  const [, row] = await Promise.all([finishCompletion(deps.pool, id, holder, outcome), markCompleted(deps.pool, id, principal.name, form.value)]);
  return { task: taskView(row ?? task), phase: outcome.phase };
}

/** `<task id>#<digest of the result>`: one update per task and result (zod's parse fixes the key order). */
export function completionUpdateId(taskId: string, result: unknown): string {
  return `${taskId}#${createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16)}`;
}
