import { AppError } from './errors';

/** What a 503 tells the caller when nobody knows better: a dependency is usually back within seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** The dependency a request needed was away or did not answer before its deadline: 503 with Retry-After. */
export function dependencyUnavailable(dependency: string, detail: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}): AppError {
  return new AppError({
    status: 503,
    title: 'Service Unavailable',
    detail,
    extensions: { dependency },
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS,
    cause: options.cause,
  });
}

/** Seconds to wait before trying again after a deadline of `timeoutMs`: at least one. */
export const retryAfterFor = (timeoutMs: number) => Math.max(1, Math.ceil(timeoutMs / 1000));

// SQLSTATEs of a database that is away, restarting or past the statement timeout (not of bad input).
const databaseStates = new Set(['57014', '57P01', '57P02', '57P03', '53300']);
const databaseMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
];
// ioredis with the kit's producer settings: a command past `commandTimeout`, or sent while disconnected.
const redisMessages = ['Command timed out', "Stream isn't writeable", 'Connection is closed.', 'Reached the max retries per request limit'];
// gRPC status codes of a Temporal frontend that is away or too slow: CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE.
const grpcCodes = new Set([1, 4, 14]);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

type Described = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };

/** The dependency an error says is away or too slow; undefined for every other error. */
function outageOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { name, message, code, cause } = error as Described;
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string' && (databaseStates.has(code) || code.startsWith('08'))) return 'postgres';
  if (databaseMessages.some((m) => text.startsWith(m))) return 'postgres';
  if (name === 'MaxRetriesPerRequestError' || redisMessages.some((m) => text.startsWith(m))) return 'redis';
  if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return 'temporal';
  // A gRPC error (Temporal's client wraps it in a ServiceError, as its cause).
  if (typeof code === 'number' && grpcCodes.has(code) && 'metadata' in error) return 'temporal';
  if (typeof code === 'string' && networkCodes.has(code)) return 'network';
  return outageOf(cause, depth + 1);
}

/** An error of PostgreSQL, Redis or Temporal being away (or past a deadline), as a 503; undefined for any other. */
export function dependencyOutage(error: unknown): AppError | undefined {
  const dependency = outageOf(error);
  if (!dependency) return undefined;
  const what = dependency === 'network' ? 'A service this request needs' : dependency === 'postgres' ? 'The database' : dependency === 'redis' ? 'The job queue (Redis)' : 'The workflow engine (Temporal)';
  return dependencyUnavailable(dependency, `${what} did not answer in time; try again shortly.`, { cause: error });
}
