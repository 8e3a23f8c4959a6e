import { call, startService, type TestService, userToken } from '@sozialraum/kit/testing';
import { background } from '../../src/background';
import { configSchema } from '../../src/config';
import { createDependencies, type DependencyOverrides, type MeasuresDependencies } from '../../src/dependencies';
import { createServer } from '../../src/server';

export type MeasuresService = TestService<MeasuresDependencies>;

/** A suffix that keeps one run's cycles, spaces and names apart from earlier runs on the same database. */
export const runId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The measures service in-process, as index.ts starts it; the monitoring URL points at a real monitoring service. */
export function startMeasures(env: Record<string, string> = {}, overrides: DependencyOverrides = {}): Promise<MeasuresService> {
  return startService({
    configSchema,
    createDependencies: (config, logger) => createDependencies(config, logger, overrides),
    createServer,
    background,
    // The cycle's measures activities only where a test runs cycles (it sets its own CYCLE_TASK_QUEUE).
    env: { RUN_ACTIVITIES: 'false', ...env },
  });
}

const tokens: Record<string, Promise<string>> = {};
/** Real Keycloak tokens of the demo users, fetched once per test file (they live minutes, a file seconds). */
export const tokenOf = (user: string): Promise<string> => (tokens[user] ??= userToken(user));

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Calls a service as a demo user: `as(service, 'jugend').post(path, body)`. */
export function as(service: { url: string }, user: string) {
  const sender = (method: Method) => async (path: string, body?: unknown, headers?: Record<string, string>) =>
    call(`${service.url}${path}`, { token: await tokenOf(user), method, body: method === 'POST' ? (body ?? {}) : body, headers });
  return { get: sender('GET'), post: sender('POST'), patch: sender('PATCH'), delete: sender('DELETE') };
}

/** A measure proposed by a planner (or the given user), with whatever fields the test needs. */
export async function propose(service: { url: string }, fields: Record<string, unknown>, user = 'planer') {
  const response = await as(service, user).post('/v1/measures', { title: 'Testmaßnahme', department: 'soziales', ...fields });
  if (response.status !== 201) throw new Error(`measure not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; status: string; [key: string]: unknown };
}

/** Moves a measure along the status machine as a planner, reading the version each time. */
export async function moveTo(service: { url: string }, id: string, statuses: string[], user = 'planer') {
  let last: { status: number; body: { version: number } } | undefined;
  for (const to of statuses) {
    const current = await as(service, user).get(`/v1/measures/${id}`);
    last = await as(service, user).post(`/v1/measures/${id}/transitions`, { to, version: current.body.version, reason: `Test: ${to}` });
    if (last.status !== 200) throw new Error(`transition to ${to} failed: ${last.status} ${JSON.stringify(last.body)}`);
  }
  return last?.body;
}
