import { call, startService, type TestService, userToken } from '@sozialraum/kit/testing';
import type { Pool } from '@sozialraum/kit/db';
import { configSchema } from '../../src/config';
import { background } from '../../src/background';
import { createDependencies, type StrategyDependencies } from '../../src/dependencies';
import { createServer } from '../../src/server';

// The service's own client secret; the local stack exports it under the name scripts use.
process.env.KEYCLOAK_CLIENT_SECRET ??= process.env.KEYCLOAK_SECRET_STRATEGY;

/** A suffix that keeps one run's space codes, task queues and IDs apart from earlier runs. */
export const runId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type StrategyService = TestService<StrategyDependencies>;

/** Cycle timings in seconds, so tests see tasks, reminders and escalations within the test's time. */
export const FAST_TIMINGS = {
  CYCLE_TASK_DUE_MS: '60000',
  CYCLE_REMINDER_BEFORE_MS: '30000',
  CYCLE_ESCALATION_AFTER_MS: '60000',
  CYCLE_REPORT_INTERVAL_MS: '20000',
  CYCLE_IMPLEMENTATION_MS: '60000',
};

export function startStrategy(env: Record<string, string> = {}): Promise<StrategyService> {
  return startService({ configSchema, createDependencies, createServer, background, env: { NOTIFICATION_RELAY_MS: '500', RUN_ACTIVITIES: 'false', ...FAST_TIMINGS, ...env } });
}

const tokens = new Map<string, Promise<string>>();
/** Real Keycloak tokens of the demo users, fetched once per test file (they live minutes, a file seconds). */
export const tokenOf = (user: string): Promise<string> => tokens.get(user) ?? tokens.set(user, userToken(user)).get(user)!;

/** Calls the service as a demo user. */
export function as(service: { url: string }, user: string) {
  const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(`${service.url}${path}`, { token: await tokenOf(user), method, body, headers });
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown = {}, headers?: Record<string, string>) => send('POST', path, body, headers),
  };
}

/** Task IDs contain a slash; in paths they travel URL-encoded. */
export const taskPath = (id: string, action = ''): string => `/v1/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export interface SeedCycle {
  id: string;
  space: string;
  number: number;
  status?: string;
  phase?: string;
  departments?: string[];
}

/** Read-model rows as the workflow's activities write them, for tests of the read side alone. */
export async function seedCycle(pool: Pool, c: SeedCycle): Promise<string> {
  await pool.query(
    `INSERT INTO cycle (id, space_code, number, status, phase, started_by, departments, evidence)
     VALUES ($1, $2, $3, $4, $5, 'Paula Planer', $6, '{"frozenAt": "2026-01-01T00:00:00Z"}')`,
    [c.id, c.space, c.number, c.status ?? 'completed', c.phase ?? 'analysis', c.departments ?? []],
  );
  await pool.query(`INSERT INTO cycle_phase (cycle_id, phase, started_at) VALUES ($1, 'analysis', now())`, [c.id]);
  return c.id;
}

export interface SeedTask {
  cycleId: string;
  space: string;
  key: string;
  type: string;
  phase: string;
  candidateGroups: string[];
  department?: string;
  dueInMs?: number;
}

export async function seedTask(pool: Pool, t: SeedTask): Promise<string> {
  const id = `${t.cycleId}/${t.key}`;
  await pool.query(
    `INSERT INTO task (id, cycle_id, key, type, phase, space_code, candidate_groups, department, status, created_at, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', now(), now() + $9 * interval '1 millisecond')`,
    [id, t.cycleId, t.key, t.type, t.phase, t.space, t.candidateGroups, t.department ?? null, t.dueInMs ?? 86_400_000],
  );
  return id;
}
