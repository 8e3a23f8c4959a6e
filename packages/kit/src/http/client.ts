import { AppError } from '../errors';
import { currentRequestId } from '../logger';
import { REQUEST_ID_HEADER } from './request-id';

export interface ServiceClientOptions {
  baseUrl: string;
  /** Supplies the bearer token: the caller's own, or the service's client-credentials token. */
  token: () => Promise<string>;
  timeoutMs?: number;
}

/** `headers` adds to the defaults, e.g. an `Idempotency-Key` so a retried call does not act twice. */
export type ServiceClient = <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

/** Calls another service's HTTP API, passing on the request ID and turning problem+json into AppError. */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  return async <T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> => {
    const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${await options.token()}`, accept: 'application/json' };
    const requestId = currentRequestId();
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, options.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) {
      const problem = (parsed ?? {}) as { title?: string; detail?: string };
      throw new AppError({
        status: response.status >= 500 ? 502 : response.status,
        title: problem.title ?? 'Upstream Error',
        detail: `${method} ${path} answered ${response.status}: ${problem.detail ?? problem.title ?? 'no detail'}`,
      });
    }
    return parsed as T;
  };
}

/** A proxy's HTML error page is not JSON; it must not hide the status behind a SyntaxError. */
function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
