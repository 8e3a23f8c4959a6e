import { type TaskProblemSlug, taskProblemType } from '@sozialraum/contracts';
import { AppError, type FieldError } from '@sozialraum/kit';

const titles: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  503: 'Service Unavailable',
};

/** A problem of a task action with its stable `type` (contracts TASK_PROBLEM_SLUGS), documented in openapi.yaml. */
export function taskProblem(
  status: number,
  slug: TaskProblemSlug,
  detail: string,
  more: { errors?: FieldError[]; extensions?: Record<string, unknown>; cause?: unknown; retryAfterSeconds?: number } = {},
): AppError {
  return new AppError({ status, title: titles[status] ?? 'Error', type: taskProblemType(slug), detail, ...more });
}
