import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as MeasuresPaths } from '../generated/measures';
import type { paths as MonitoringPaths } from '../generated/monitoring';
import type { paths as StrategyPaths } from '../generated/strategy';
import { ApiError, type Problem } from './problem';

export interface Api {
  monitoring: Client<MonitoringPaths>;
  strategy: Client<StrategyPaths>;
  measures: Client<MeasuresPaths>;
}

export interface ApiOptions {
  /** The current access token; undefined when nobody is signed in. */
  token: () => Promise<string | undefined>;
  /** Called when a service says the token is no longer valid. */
  onUnauthorized: () => void;
  baseUrl?: string;
}

/** The three typed clients; all go to our own origin, where the web server forwards by path. */
export function createApi(options: ApiOptions): Api {
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = await options.token();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized();
      return response;
    },
  };
  const baseUrl = options.baseUrl ?? window.location.origin;
  const client = <P extends object>() => {
    const c = createClient<P>({ baseUrl });
    c.use(auth);
    return c;
  };
  return { monitoring: client<MonitoringPaths>(), strategy: client<StrategyPaths>(), measures: client<MeasuresPaths>() };
}

/** The data of a call, or an ApiError with the problem the service answered (status 0 when it was not reached). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, { title: 'Network error', detail: error instanceof Error ? error.message : String(error) });
  }
  if (result.response.ok) return result.data as T;
  const problem: Problem = typeof result.error === 'object' && result.error !== null ? (result.error as Problem) : { detail: String(result.error ?? '') };
  throw new ApiError(result.response.status, problem);
}
