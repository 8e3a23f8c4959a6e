/** One field that failed validation, as reported in a problem+json `errors` list. */
export interface FieldError {
  /** Where: a JSON pointer into the request (e.g. `/body/name`) or a column/line of an upload. */
  pointer: string;
  detail: string;
}

export interface AppErrorOptions {
  status: number;
  /** A short, human-readable summary of the problem type. */
  title: string;
  /** What happened in this case, and what the caller can do about it. */
  detail?: string;
  /** A URI naming the problem type; defaults to `about:blank`. */
  type?: string;
  errors?: FieldError[];
  /** Extra problem members (RFC 9457 extensions), e.g. `allowed` transitions. */
  extensions?: Record<string, unknown>;
  /** For 503 and 429: when the caller may try again (the `Retry-After` header). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** The one error type of the platform; the HTTP layer renders it as RFC 9457 problem+json. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type: string;
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(options: AppErrorOptions) {
    super(options.detail ?? options.title, { cause: options.cause });
    this.name = 'AppError';
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail;
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const problems = {
  badRequest: (detail: string, errors?: FieldError[]) => new AppError({ status: 400, title: 'Bad Request', detail, errors }),
  unauthorized: (detail: string) => new AppError({ status: 401, title: 'Unauthorized', detail }),
  forbidden: (detail: string) => new AppError({ status: 403, title: 'Forbidden', detail }),
  notFound: (detail: string) => new AppError({ status: 404, title: 'Not Found', detail }),
  conflict: (detail: string, extensions?: Record<string, unknown>) =>
    new AppError({ status: 409, title: 'Conflict', detail, extensions }),
  unprocessable: (detail: string, errors?: FieldError[], extensions?: Record<string, unknown>) =>
    new AppError({ status: 422, title: 'Unprocessable Content', detail, errors, extensions }),
  unavailable: (detail: string, retryAfterSeconds?: number, cause?: unknown) =>
    new AppError({ status: 503, title: 'Service Unavailable', detail, retryAfterSeconds, cause }),
  tooManyRequests: (detail: string, retryAfterSeconds: number) => new AppError({ status: 429, title: 'Too Many Requests', detail, retryAfterSeconds }),
  badGateway: (detail: string, cause?: unknown) => new AppError({ status: 502, title: 'Bad Gateway', detail, cause }),
};

/**
 * Work that will fail the same way however often it is tried (refused input, a job naming what this deployment
 * does not have). Use cases throw it; a queue's worker maps it to its own "do not retry" (BullMQ's UnrecoverableError).
 */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}
