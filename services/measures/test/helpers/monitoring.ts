import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { call, startService, type TestService, waitFor } from '@sozialraum/kit/testing';
import { background } from '@sozialraum/monitoring/dist/background';
import { configSchema } from '@sozialraum/monitoring/dist/config';
import { createDependencies, type MonitoringDependencies } from '@sozialraum/monitoring/dist/dependencies';
import { createServer } from '@sozialraum/monitoring/dist/server';
import { tokenOf } from './measures';

export type MonitoringService = TestService<MonitoringDependencies>;

/**
 * The real monitoring service in-process on this test's database (its schema migrated like every service's),
 * as its index.ts starts it; its jobs run where a test sets RUN_JOBS=true, its cycle worker never.
 */
export function startMonitoring(env: Record<string, string> = {}): Promise<MonitoringService> {
  return startService({ configSchema, createDependencies, createServer, background, env: { RUN_JOBS: 'false', RUN_ACTIVITIES: 'false', ...env } });
}

export const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});

/** Creates spaces through the monitoring API as a planner. */
export async function createSpaces(monitoring: MonitoringService, spaces: Array<Record<string, unknown>>): Promise<void> {
  for (const space of spaces) {
    const response = await call(`${monitoring.url}/v1/spaces`, { token: await tokenOf('planer'), method: 'POST', body: space });
    if (response.status !== 201) throw new Error(`space not created: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

export interface SeedIndicator {
  key: string;
  polarity: 'higher-is-worse' | 'higher-is-better' | 'neutral';
  targetGroups?: string[];
  kind?: 'rate' | 'share' | 'count' | 'mean';
}

/**
 * Catalogue entries and values written the way an import writes them (a release of this run), so a test
 * has a few known values without an import file: [space code, indicator, period, value].
 */
export async function seedValues(
  monitoring: MonitoringService,
  release: string,
  indicators: SeedIndicator[],
  values: Array<[string, string, string, number]>,
): Promise<void> {
  const db = monitoring.deps.pool;
  for (const i of indicators) {
    await db.query(
      `INSERT INTO indicator (key, name, kind, polarity, target_groups) VALUES ($1, $1, $2, $3, $4) ON CONFLICT (key) DO NOTHING`,
      [i.key, i.kind ?? 'mean', i.polarity, i.targetGroups ?? []],
    );
  }
  const { rows } = await db.query<{ id: number }>(`INSERT INTO data_release (key, title) VALUES ($1, $1) RETURNING id`, [release]);
  const releaseId = rows[0]!.id;
  for (const [code, key, period, value] of values) {
    await db.query(
      `INSERT INTO indicator_value (space_id, indicator_key, period, release_id, value)
       SELECT id, $2, $3, $4, $5 FROM space WHERE code = $1 AND valid_until IS NULL`,
      [code, key, period, releaseId, value],
    );
  }
}

/** shared/data next to the checkout (the real statistics); SHARED_DATA_DIR overrides. */
const DATA_DIR = process.env.SHARED_DATA_DIR ?? resolve(__dirname, '../../../../../shared/data');

/**
 * Makes sure Flensburg's real Stadtteile (STGT01…13, the coordinators' spaces in the realm) have their
 * geometry, importing stadtteile.geojson through the monitoring API when they do not; returns for each code a
 * point inside it.
 */
export async function flensburgPoints(monitoring: MonitoringService, codes: readonly string[]): Promise<Map<string, [number, number]>> {
  const points = async () => {
    const { rows } = await monitoring.deps.pool.query<{ code: string; lon: number; lat: number }>(
      `SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat FROM (
         SELECT code, ST_PointOnSurface(geom) AS p FROM space
          WHERE code = ANY ($1) AND type = 'social-space' AND valid_until IS NULL AND geom IS NOT NULL) x`,
      [codes],
    );
    return new Map(rows.map((r): [string, [number, number]] => [r.code, [r.lon, r.lat]]));
  };
  const found = await points();
  if (found.size === codes.length) return found;
  const body = {
    fileName: 'stadtteile.geojson',
    content: readFileSync(resolve(DATA_DIR, 'flensburg/stadtteile.geojson')).toString('base64'),
    format: 'geojson',
    type: 'social-space',
    codeProperty: 'AREA_ID',
    nameProperty: 'AREA_NAME',
  };
  const token = await tokenOf('planer');
  const accepted = await call(`${monitoring.url}/v1/imports/spaces`, { token, method: 'POST', body });
  if (accepted.status !== 202) throw new Error(`spaces import not accepted: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  await waitFor(async () => ['succeeded', 'rejected', 'failed'].includes((await call(`${monitoring.url}/v1/imports/${accepted.body.id}`, { token })).body.status), 60_000, 'spaces import');
  return points();
}
