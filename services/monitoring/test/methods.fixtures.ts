import { call, type TestService, userToken, waitFor } from '@sozialraum/kit/testing';
import type { MonitoringDependencies } from '../src/dependencies';

/** Test data of the methods, profile and alert tests, written straight to the tables (re-runnable). */

export interface SeedSpace {
  code: string;
  type: string;
  population: number | null;
  /** Code of a space seeded before it. */
  parent?: string;
}

export interface SeedIndicator {
  key: string;
  name?: string;
  polarity: 'higher-is-worse' | 'higher-is-better' | 'neutral';
  kind: 'rate' | 'share' | 'count' | 'mean';
}

/** [space code, indicator key, period, value, numerator?, denominator?] */
export type SeedValue = [string, string, string, number, (number | null)?, (number | null)?];

export async function seed(
  service: TestService<MonitoringDependencies>,
  data: { spaces: SeedSpace[]; indicators: SeedIndicator[]; release: string; values: SeedValue[] },
): Promise<void> {
  const { pool } = service.deps;
  for (const s of data.spaces) {
    await pool.query(
      `INSERT INTO space (code, name, type, population, parent_id)
       VALUES ($1, $2, $3, $4, (SELECT id FROM space WHERE code = $5 AND valid_until IS NULL))
       ON CONFLICT (code) WHERE valid_until IS NULL
       DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, population = EXCLUDED.population, parent_id = EXCLUDED.parent_id`,
      [s.code, `Raum ${s.code}`, s.type, s.population, s.parent ?? null],
    );
  }
  for (const i of data.indicators) {
    await pool.query(
      `INSERT INTO indicator (key, name, polarity, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, polarity = EXCLUDED.polarity, kind = EXCLUDED.kind`,
      [i.key, i.name ?? `Indikator ${i.key}`, i.polarity, i.kind],
    );
  }
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO data_release (key, title) VALUES ($1, $1) ON CONFLICT (key) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
    [data.release],
  );
  const releaseId = (rows[0] as { id: number }).id;
  // The release holds exactly these values, also when a previous run of the test wrote others.
  await pool.query('DELETE FROM indicator_value WHERE release_id = $1', [releaseId]);
  for (const [code, key, period, value, numerator, denominator] of data.values) {
    await pool.query(
      `INSERT INTO indicator_value (space_id, indicator_key, period, release_id, value, numerator, denominator)
       SELECT id, $2, $3, $4, $5, $6, $7 FROM space WHERE code = $1 AND valid_until IS NULL`,
      [code, key, period, releaseId, value, numerator ?? null, denominator ?? null],
    );
  }
}

/** The rules the migration seeds. */
export const DEFAULT_RULES = [
  { key: 'status-class-4', label: 'Sehr niedriger Status', type: 'status-class', classes: [4] },
  { key: 'dynamics-class-5', label: 'Negative Dynamik', type: 'dynamics-class', classes: [5] },
];

/** A version nobody used before, so that each run creates its own method version. */
export const freshVersion = () => `t${Date.now()}${Math.floor(Math.random() * 1000)}`;

/** Queues a recomputation through the API and waits until its job is completed. */
export async function recompute(service: TestService<MonitoringDependencies>, key: string, version: string) {
  const token = await userToken('planer');
  const queued = await call(`${service.url}/v1/methods/${key}/${version}/recompute`, { token, method: 'POST' });
  expect(queued.status).toBe(202);
  let job = queued.body;
  await waitFor(async () => {
    job = (await call(`${service.url}/v1/jobs/${encodeURIComponent(queued.body.id as string)}`, { token })).body;
    if (job.state === 'failed') throw new Error(`recomputation failed: ${job.failedReason}`);
    return job.state === 'completed';
  }, 30_000, 'recomputation');
  return { queued: queued.body, job };
}
