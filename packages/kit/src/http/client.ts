import { AppError } from '../errors';
import { withTimeout } from '../health';
import { currentRequestId } from '../logger';
import { dependencyUnavailable, retryAfterFor } from '../outage';
import { REQUEST_ID_HEADER } from './request-id';

export interface ServiceClientOptions {
  baseUrl: string;
  /** Supplies the bearer token: the caller's own, or the service's client-credentials token. */
  token: () => Promise<string>;
  /** Deadline of one call, the token included (default 10 s); past it the caller gets 503 with Retry-After. */
  timeoutMs?: number;
}

/** `headers` adds to the defaults, e.g. an `Idempotency-Key` so a retried call does not act twice. */
export type ServiceClient = <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

/**
 * Calls another service's HTTP API, passing on the request ID and turning problem+json into AppError.
 * Within a deadline: a service that is away or too slow becomes 503 with Retry-After (so does its own 503
 * or 429); its 401/403 is our credentials' fault, not the caller's: 502; any other 5xx: 502.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const service = new URL(options.baseUrl).host;
  const unavailable = (detail: string, cause?: unknown, retryAfterSeconds = retryAfterFor(timeoutMs)) =>
    dependencyUnavailable(service, detail, { retryAfterSeconds, cause });

  return async <T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> => {
    const signal = AbortSignal.timeout(timeoutMs);
    const late = () => unavailable(`${method} ${path}: ${service} did not answer within ${timeoutMs} ms; try again shortly.`);
    let token: string;
    try {
      token = await withTimeout(options.token(), timeoutMs, late);
    } catch (error) {
      throw error instanceof AppError ? error : unavailable(`${method} ${path}: no service token (${(error as Error).message}).`, error);
    }
    const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${token}`, accept: 'application/json' };
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, options.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw late();
      throw unavailable(`${method} ${path}: ${service} cannot be reached (${(error as Error).cause ?? (error as Error).message}); try again shortly.`, error);
    }
    const parsed = parseJson(text);
    if (!response.ok) throw upstreamProblem(method, path, response, parsed, unavailable);
    return parsed as T;
  };
}

function upstreamProblem(
  method: string,
  path: string,
  response: Response,
  parsed: unknown,
  unavailable: (detail: string, cause?: unknown, retryAfterSeconds?: number) => AppError,
): AppError {
  const problem = (parsed ?? {}) as { title?: string; detail?: string };
  const detail = `${method} ${path} answered ${response.status}: ${problem.detail ?? problem.title ?? 'no detail'}`;
  if (response.status === 503 || response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return unavailable(detail, undefined, Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  if (response.status >= 500 || response.status === 401 || response.status === 403) {
    return new AppError({ status: 502, title: 'Bad Gateway', detail });
  }
  return new AppError({ status: response.status, title: problem.title ?? 'Upstream Error', detail });
}

/** A proxy's HTML error page is not JSON; it must not hide the status behind a SyntaxError. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
