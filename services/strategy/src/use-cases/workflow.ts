import { AppError, problems } from '@sozialraum/kit';
import { type FieldProblems, REJECTIONS } from '@sozialraum/contracts';
import { ApplicationFailure, type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Pool } from '@sozialraum/kit/db';
import { type CycleRow, findCycle } from '../data/cycles.repository';

/** The workflow type, by name: the service never imports workflow code. */
export const CYCLE_WORKFLOW = 'strategyCycle';

/** How each refusal of the workflow (ApplicationFailure `type`, contracts REJECTIONS) is answered. */
const statusOf: Record<string, number> = {
  [REJECTIONS.cycleNotRunning]: 409,
  [REJECTIONS.taskNotFound]: 409,
  [REJECTIONS.taskNotOpen]: 409,
  [REJECTIONS.notCandidate]: 403,
  [REJECTIONS.invalidResult]: 422,
  [REJECTIONS.phaseRule]: 422,
  [REJECTIONS.invalidRequest]: 422,
};
/** Form problems point into the task result; in the request it sits under /body. */
export const inBody = (fields: FieldProblems): FieldProblems => fields.map((f) => ({ ...f, pointer: `/body${f.pointer}` }));
const titles: Record<number, string> = { 403: 'Forbidden', 409: 'Conflict', 422: 'Unprocessable Content' };

/**
 * What the caller hears when the workflow refuses a message (its validator threw). Undefined when the
 * outcome is unknown (Temporal did not answer), which is not a refusal.
 */
export function workflowRefusal(error: unknown): AppError | undefined {
  if (error instanceof WorkflowNotFoundError) return problems.conflict('The cycle no longer runs.');
  if (!(error instanceof WorkflowUpdateFailedError)) {
    // Updating a closed workflow fails before any validator runs.
    if (error instanceof Error && /workflow execution already completed/i.test(error.message)) return problems.conflict('The cycle no longer runs.');
    return undefined;
  }
  const cause = error.cause;
  const type = cause instanceof ApplicationFailure ? (cause.type ?? '') : '';
  const fields = cause instanceof ApplicationFailure ? (cause.details?.[0] as FieldProblems | undefined) : undefined;
  const status = statusOf[type] ?? 422;
  return new AppError({
    status,
    title: titles[status] ?? 'Unprocessable Content',
    detail: cause?.message || error.message,
    errors: Array.isArray(fields) ? inBody(fields) : undefined,
    extensions: type ? { refusal: type } : undefined,
    cause: error,
  });
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
export async function waitForCycle(pool: Pool, id: string, until: (row: CycleRow) => boolean, timeoutMs = 3_000): Promise<CycleRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await findCycle(pool, id);
    if ((row && until(row)) || Date.now() >= deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
