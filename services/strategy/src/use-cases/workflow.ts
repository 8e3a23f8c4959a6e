import { type FieldProblems, REJECTIONS, type TaskProblemSlug } from '@sozialraum/contracts';
import { AppError } from '@sozialraum/kit';
import { ApplicationFailure, type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Pool } from '@sozialraum/kit/db';
import { type CycleRecord, findCycle } from '../data/cycles.repository';
import { taskProblem } from './task-problems';

/** The workflow type, by name: the service never imports workflow code. */
export const CYCLE_WORKFLOW = 'strategyCycle';

/** How each refusal of the workflow (ApplicationFailure `type`, contracts REJECTIONS) is answered. */
const answers: Record<string, { status: number; slug?: TaskProblemSlug }> = {
  [REJECTIONS.cycleNotRunning]: { status: 409, slug: 'cycle-not-running' },
  [REJECTIONS.taskNotFound]: { status: 409, slug: 'task-not-found' },
  [REJECTIONS.taskNotOpen]: { status: 409, slug: 'task-not-open' },
  [REJECTIONS.notCandidate]: { status: 403, slug: 'not-candidate' },
  [REJECTIONS.invalidResult]: { status: 422, slug: 'invalid-task-result' },
  [REJECTIONS.phaseRule]: { status: 422, slug: 'phase-rule-violated' },
  [REJECTIONS.budgetChanged]: { status: 409, slug: 'budget-changed' },
  [REJECTIONS.invalidRequest]: { status: 422 },
};
const titles: Record<number, string> = { 403: 'Forbidden', 409: 'Conflict', 422: 'Unprocessable Content' };
const noLongerRuns = () => taskProblem(409, 'cycle-not-running', 'The cycle no longer runs.');

/**
 * What the caller hears when the workflow refuses a message (its validator threw). Undefined when the
 * outcome is unknown (Temporal did not answer), which is not a refusal. Form problems keep the workflow's
 * pointers into the task result (`/result/...`), as the service's own form check reports them.
 */
export function workflowRefusal(error: unknown): AppError | undefined {
  if (error instanceof WorkflowNotFoundError) return noLongerRuns();
  if (!(error instanceof WorkflowUpdateFailedError)) {
    // Updating a closed workflow fails before any validator runs.
    if (error instanceof Error && /workflow execution already completed/i.test(error.message)) return noLongerRuns();
    return undefined;
  }
  const cause = error.cause;
  const refusal = cause instanceof ApplicationFailure ? (cause.type ?? '') : '';
  const fields = cause instanceof ApplicationFailure ? (cause.details?.[0] as FieldProblems | undefined) : undefined;
  const { status, slug } = answers[refusal] ?? { status: 422 };
  const more = { errors: Array.isArray(fields) ? fields : undefined, extensions: refusal ? { refusal } : undefined, cause: error };
  const detail = cause?.message || error.message;
  return slug ? taskProblem(status, slug, detail, more) : new AppError({ status, title: titles[status] ?? 'Unprocessable Content', detail, ...more });
}

/** Cycle numbers of the space that Temporal knows (the read model may not have the newest yet). */
export async function temporalCycles(client: Client, spaceCode: string): Promise<{ highest: number; running: string[] }> {
  const pattern = new RegExp(`^cycle-${spaceCode.replace(/[.]/g, '\\.')}-(\\d+)$`);
  let highest = 0;
  const running: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId STARTS_WITH "cycle-${spaceCode}-"` })) {
    const number = Number(pattern.exec(execution.workflowId)?.[1] ?? 0);
    highest = Math.max(highest, number);
    if (number > 0 && execution.status.name === 'RUNNING') running.push(execution.workflowId);
  }
  return { highest, running };
}

/** Polls the read model briefly until the workflow's activities have written what the caller expects. */
export async function waitForCycle(pool: Pool, id: string, until: (row: CycleRecord) => boolean, timeoutMs = 3_000): Promise<CycleRecord | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await findCycle(pool, id);
    if ((row && until(row)) || Date.now() >= deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
