import { DATA_DIR, dataFile } from '../data';
import { call, startService, type TestService, waitFor } from '@sozialraum/kit/testing';
import type { Pool } from '@sozialraum/kit/db';
import { background } from '../../src/background';
import { configSchema } from '../../src/config';
import { createDependencies, type MonitoringDependencies } from '../../src/dependencies';
import { createServer } from '../../src/server';

export type MonitoringService = TestService<MonitoringDependencies>;

/**
 * The service in-process as index.ts starts it, background() included. Its jobs (imports, recomputation,
 * exports, the import sweep) run only where a test asks for them with RUN_JOBS=true; the cycle's Temporal
 * worker stays off (cycle-activities.test.ts starts the built service for that).
 */
export function startMonitoring(env: Record<string, string> = {}): Promise<MonitoringService> {
  return startService({ configSchema, createDependencies, createServer, background, env: { RUN_JOBS: 'false', RUN_ACTIVITIES: 'false', ...env } });
}

/** The shared real data (README there); tests read it, never change it. */

/** A file (path under DATA_DIR, or bytes) as the base64 `content` of an upload. */
export { DATA_DIR, dataFile };
export const base64 = (file: string | Buffer): string => (typeof file === 'string' ? dataFile(file) : file).toString('base64');

/** A suffix that keeps release keys, indicator keys and Idempotency-Keys of one test run apart from earlier runs. */
export const runId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type SpaceType = 'city' | 'district' | 'social-space' | 'planning-area' | 'statistical-area';

/**
 * Makes sure an open space version exists for each code (name = code unless given). Existing spaces are
 * kept as they are, except that a missing population is filled in; returns code → id.
 */
export async function ensureSpaces(
  pool: Pool,
  type: SpaceType,
  codes: readonly string[],
  options: { population?: number | null; names?: Record<string, string> } = {},
): Promise<Map<string, number>> {
  await pool.query(
    `INSERT INTO space (code, name, type, population)
     SELECT c, COALESCE(n, c), $2, $3 FROM unnest($1::text[], $4::text[]) AS t (c, n)
     ON CONFLICT (code) WHERE valid_until IS NULL DO UPDATE SET population = COALESCE(space.population, EXCLUDED.population)`,
    [codes, type, options.population ?? null, codes.map((c) => options.names?.[c] ?? null)],
  );
  const { rows } = await pool.query<{ code: string; id: number }>('SELECT code, id FROM space WHERE valid_until IS NULL AND code = ANY ($1)', [codes]);
  return new Map(rows.map((r) => [r.code, Number(r.id)]));
}

export interface TestIndicator {
  key: string;
  kind: 'rate' | 'share' | 'count' | 'mean';
  name?: string;
  polarity?: 'higher-is-worse' | 'higher-is-better' | 'neutral';
}

/** Adds catalogue entries that are missing; existing ones (maybe another test's) are left alone. */
export async function ensureIndicators(pool: Pool, indicators: readonly TestIndicator[]): Promise<void> {
  await pool.query(
    `INSERT INTO indicator (key, name, kind, polarity)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (key) DO NOTHING`,
    [indicators.map((i) => i.key), indicators.map((i) => i.name ?? i.key), indicators.map((i) => i.kind), indicators.map((i) => i.polarity ?? 'neutral')],
  );
}

/** Flensburg's long file: the source_table/measure keys its 2,181 values use, with kinds read off the measure names. */
export function flensburgIndicators(): TestIndicator[] {
  const lines = dataFile('flensburg/indicators_long.csv').toString('utf8').trim().split(/\r?\n/).slice(1);
  const keys = [...new Set(lines.map((l) => l.split(',').slice(2, 4).join('/')))];
  return keys.map((key) => ({
    key,
    kind: /percentage/.test(key) ? 'share' : /rate/.test(key) ? 'rate' : /quotient/.test(key) ? 'mean' : 'count',
  }));
}

/** Measure names repeat across Flensburg's tables, so the table is part of the indicator key ("table/measure"). */
export const FLENSBURG_MAPPING = { layout: 'long', spaceColumn: 'space_code', periodColumn: 'year', indicatorColumn: ['source_table', 'measure'], valueColumn: 'value' };

export const FLENSBURG_CODES = Array.from({ length: 13 }, (_, i) => `STGT${String(i + 1).padStart(2, '0')}`);

/** The 542 Berlin Planungsräume (8-digit strings) as listed in the MSS file. */
export function berlinPlanningAreaCodes(): string[] {
  const lines = dataFile('berlin-mss-2021/indicators.csv').toString('utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((l) => l.split(',')[1] ?? '');
}

/** Polls an import until it has finished (succeeded, rejected or failed) or reached one of `statuses`. */
export async function waitForImport(
  url: string,
  token: string,
  id: string,
  statuses: readonly string[] = ['succeeded', 'rejected', 'failed'],
  timeoutMs = 60_000,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON
): Promise<any> {
  let last: { status: number; body: { status?: string } } | undefined;
  await waitFor(
    async () => {
      last = await call(`${url}/v1/imports/${id}`, { token });
      return last.status === 200 && statuses.includes(last.body.status ?? '');
    },
    timeoutMs,
    `import ${id} ${statuses.join('/')}`,
  );
  return last?.body;
}

/** POSTs an import (values or spaces), expects 202, and waits until the job has finished; returns the import. */
export async function importAndWait(
  url: string,
  token: string,
  body: Record<string, unknown>,
  options: { kind?: 'values' | 'spaces'; idempotencyKey?: string; timeoutMs?: number } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON
): Promise<any> {
  const headers: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
  const accepted = await call(`${url}/v1/imports/${options.kind ?? 'values'}`, { token, method: 'POST', body, headers });
  if (accepted.status !== 202) throw new Error(`import not accepted: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return waitForImport(url, token, accepted.body.id, undefined, options.timeoutMs);
}

/** Values stored for a release, keyed "space|indicator|period". */
export async function releaseValues(pool: Pool, releaseKey: string): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ code: string; key: string; period: string; value: number }>(
    `SELECT s.code, v.indicator_key AS key, v.period, v.value
       FROM indicator_value v JOIN space s ON s.id = v.space_id JOIN data_release r ON r.id = v.release_id
      WHERE r.key = $1`,
    [releaseKey],
  );
  return new Map(rows.map((r) => [`${r.code}|${r.key}|${r.period}`, r.value]));
}
