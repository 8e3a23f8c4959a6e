import { call, userToken, waitFor } from '@sozialraum/kit/testing';
import { base64, importAndWait, type MonitoringService, runId, startMonitoring } from './helpers/monitoring';
import { BERLIN_SHP_ZIP, base64Of } from './spaces.helpers';

/**
 * Berlin's Monitoring Soziale Stadtentwicklung 2021, reproduced through the API: the real shapefile and
 * indicator file go in as a planner would upload them, and the classes that come out must be the ones
 * Berlin published (DESIGN.md §4).
 */
describe('the Berlin MSS 2021 check', () => {
  let service: MonitoringService;
  let planer: string;

  beforeAll(async () => {
    service = await startMonitoring({ RUN_JOBS: 'true' });
    planer = await userToken('planer');
  });
  afterAll(() => service.close());

  test('when Berlin’s 542 planning areas and MSS indicators are imported and scored, then the published class counts come out', async () => {
    const spaces = await importAndWait(
      service.url,
      planer,
      { fileName: 'planungsraeume_2021_shp.zip', format: 'shapefile', type: 'planning-area', codeProperty: 'PLR_ID', nameProperty: 'PLR_NAME', content: base64Of(BERLIN_SHP_ZIP) },
      { kind: 'spaces', timeoutMs: 120_000 },
    );
    expect(spaces.status).toBe('succeeded');

    const indicators = [
      { key: 'EW', name: 'Einwohner', kind: 'count', polarity: 'neutral' },
      ...['S1', 'S3', 'S4'].map((key) => ({ key, name: `MSS ${key}`, kind: 'share', polarity: 'higher-is-worse' })),
      ...['D1', 'D3', 'D4'].map((key) => ({ key, name: `MSS ${key}`, kind: 'share', polarity: 'higher-is-worse', minValue: -100, maxValue: 100 })),
    ];
    for (const indicator of indicators) {
      const created = await call(`${service.url}/v1/indicators`, { token: planer, method: 'POST', body: indicator });
      expect([201, 409]).toContain(created.status);
    }

    const values = await importAndWait(service.url, planer, {
      fileName: 'indicators.csv',
      format: 'csv',
      content: base64('berlin-mss-2021/indicators.csv'),
      release: { key: 'berlin-mss-2021', title: 'Monitoring Soziale Stadtentwicklung Berlin 2021' },
      mapping: { layout: 'wide', spaceColumn: 'PLR_ID', period: '2020-12-31', columns: Object.fromEntries(indicators.map((i) => [i.key, i.key])) },
    });
    expect(values).toMatchObject({ status: 'succeeded', rejected: 0 });

    const version = `2021-${runId()}`;
    const method = {
      key: 'berlin-mss',
      version,
      spaceType: 'planning-area',
      populationIndicatorKey: 'EW',
      statusIndicators: ['S1', 'S3', 'S4'].map((indicatorKey) => ({ indicatorKey, weight: 1, polarity: 'higher-is-worse' })),
      dynamicsIndicators: ['D1', 'D3', 'D4'].map((indicatorKey) => ({ indicatorKey, weight: 1, polarity: 'higher-is-worse' })),
      dynamicsSource: 'indicator',
      minPopulation: 300,
    };
    const created = await call(`${service.url}/v1/methods`, { token: planer, method: 'POST', body: method });
    expect([created.status, created.body.detail]).toEqual([201, undefined]);
    expect((await call(`${service.url}/v1/methods/berlin-mss/${version}/recompute`, { token: planer, method: 'POST' })).status).toBe(202);

    let results: { status: number; body: { items: Array<{ statusClass: number | null; dynamicsClass: number | null }> } } | undefined;
    await waitFor(async () => {
      results = await call(`${service.url}/v1/methods/berlin-mss/${version}/results?period=2020-12-31`, { token: planer });
      return results.status === 200;
    }, 60_000, 'Berlin results');
    const items = results!.body.items;
    const count = <K extends 'statusClass' | 'dynamicsClass'>(key: K, value: number) => items.filter((i) => i[key] === value).length;

    expect(items.filter((i) => i.statusClass !== null)).toHaveLength(536);
    expect([1, 2, 3, 4].map((c) => count('statusClass', c))).toEqual([75, 366, 46, 49]);
    expect([1, 3, 5].map((c) => count('dynamicsClass', c))).toEqual([48, 436, 52]);
  });
});
