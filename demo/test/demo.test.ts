import { join } from 'node:path';
import { call, startService, type TestService, userToken } from '@sozialraum/kit/testing';
import { configSchema } from '@sozialraum/monitoring/dist/config';
import { createDependencies, type MonitoringDependencies } from '@sozialraum/monitoring/dist/dependencies';
import { createServer } from '@sozialraum/monitoring/dist/server';
import { demoMethod } from '../src/flensburg';
import { loadMonitoringDemo } from '../src/load';

const dataDir = process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data');

describe('the demo data', () => {
  let monitoring: TestService<MonitoringDependencies>;

  beforeAll(async () => {
    monitoring = await startService({ configSchema, createDependencies, createServer });
  });
  afterAll(() => monitoring.close());

  test('when the demo loads, then a new user sees Flensburg’s 13 Stadtteile with real classes and alerts', async () => {
    expect(['loaded', 'present']).toContain(await loadMonitoringDemo({ monitoringUrl: monitoring.url, dataDir }));
    expect(await loadMonitoringDemo({ monitoringUrl: monitoring.url, dataDir })).toBe('present');

    const token = await userToken('gast');
    const results = await call(`${monitoring.url}/v1/methods/${demoMethod.key}/${demoMethod.version}/results`, { token });
    expect(results.status).toBe(200);
    expect(results.body.period).toBe('2022');
    expect(results.body.items).toHaveLength(13);
    expect(results.body.items.every((r: { statusClass: number | null }) => r.statusClass !== null)).toBe(true);

    const alerts = await call(`${monitoring.url}/v1/alerts?status=open`, { token });
    const flensburg = alerts.body.items.filter((a: { spaceCode: string }) => a.spaceCode.startsWith('STGT'));
    expect(flensburg.length).toBeGreaterThan(0);

    const profile = await call(`${monitoring.url}/v1/spaces/STGT03/profile`, { token });
    expect(profile.status).toBe(200);
    expect(profile.body.indicators.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(['alq', 'sgb2_quote', 'kinderarmut']));
    expect(profile.body.classHistory.length).toBeGreaterThan(0);
  });
});
