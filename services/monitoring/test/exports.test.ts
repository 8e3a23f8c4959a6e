import { call, userToken } from '@sozialraum/kit/testing';
import { DEFAULT_CONFIDENTIALITY_RULES } from '../src/domain/confidentiality';
import { base64, ensureIndicators, ensureSpaces, importAndWait, type MonitoringService, runId, startMonitoring } from './helpers/monitoring';

jest.setTimeout(60_000);

let service: MonitoringService;
let planer: string;
let gast: string;
const run = runId();
const release = `test-exports-${run}`;
const ALL = 'spaces=TST-EX-01,TST-EX-02,TST-EX-03&indicators=test.ex.count,test.ex.share';
// The contract's validator wants reserved characters encoded: lists travel as a%2Cb, as URLSearchParams sends them.
const exportUrl = (query: string) => `${service.url}/v1/exports/values?${query.replaceAll(',', '%2C')}`;
const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  [planer, gast] = await Promise.all([userToken('planer'), userToken('gast')]);
  const { pool } = service.deps;
  // The rules this file expects (min 3 cases, counts rounded to 5, areas below 300 residents withheld).
  await pool.query(
    `INSERT INTO setting (key, value) VALUES ('confidentiality', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(DEFAULT_CONFIDENTIALITY_RULES)],
  );
  const names = { 'TST-EX-01': 'Altstadt (Test)', 'TST-EX-02': 'Neustadt (Test)', 'TST-EX-03': 'Klein, Dorf (Test)' };
  await ensureSpaces(pool, 'statistical-area', ['TST-EX-01', 'TST-EX-02'], { population: 1000, names });
  await ensureSpaces(pool, 'statistical-area', ['TST-EX-03'], { population: 100, names });
  await pool.query(
    `UPDATE space SET geom = ST_Multi(ST_GeomFromText('POLYGON((9.43 54.78, 9.44 54.78, 9.44 54.79, 9.43 54.78))', 4326))
      WHERE code = 'TST-EX-01' AND valid_until IS NULL`,
  );
  await ensureIndicators(pool, [
    { key: 'test.ex.count', kind: 'count', name: 'Fälle, gezählt' },
    { key: 'test.ex.share', kind: 'share', name: 'Anteil "SGB II"' },
  ]);
  const file = [
    'space,period,indicator,value',
    'TST-EX-01,2022,test.ex.count,2',
    'TST-EX-02,2022,test.ex.count,12',
    'TST-EX-02,2021,test.ex.share,30.25',
    'TST-EX-02,2022,test.ex.share,31.5',
    'TST-EX-03,2022,test.ex.share,45.5',
  ].join('\n');
  const done = await importAndWait(service.url, planer, {
    fileName: 'export-test.csv',
    format: 'csv',
    content: base64(Buffer.from(file)),
    release: { key: release, title: 'Export test' },
    mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'period', indicatorColumn: 'indicator', valueColumn: 'value' },
  });
  expect(done.status).toBe('succeeded');
});
afterAll(() => service.close());

describe('CSV export', () => {
  const header = 'space_code,space_name,space_type,indicator,indicator_name,unit,period,value,suppressed,reason,release';

  test('when a viewer exports, then small counts and small areas are suppressed (empty, marked, with reason), never 0', async () => {
    const res = await call(exportUrl(`format=csv&${ALL}`), { token: gast });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="values.csv"');
    // fetch's text() drops a BOM, so look at the bytes: Excel needs it to read UTF-8.
    const bytes = Buffer.from(await (await fetch(exportUrl(`format=csv&${ALL}`), { headers: { authorization: `Bearer ${gast}` } })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvLines(res.body)).toEqual([
      header,
      `TST-EX-01,Altstadt (Test),statistical-area,test.ex.count,"Fälle, gezählt",,2022,,true,min-cases,${release}`,
      `TST-EX-02,Neustadt (Test),statistical-area,test.ex.count,"Fälle, gezählt",,2022,10,false,,${release}`,
      `TST-EX-02,Neustadt (Test),statistical-area,test.ex.share,"Anteil ""SGB II""",,2021,30.25,false,,${release}`,
      `TST-EX-02,Neustadt (Test),statistical-area,test.ex.share,"Anteil ""SGB II""",,2022,31.5,false,,${release}`,
      `TST-EX-03,"Klein, Dorf (Test)",statistical-area,test.ex.share,"Anteil ""SGB II""",,2022,,true,population,${release}`,
    ]);
  });

  test('when a planner with raw-data rights exports, then the raw values come', async () => {
    const res = await call(exportUrl(`format=csv&${ALL}`), { token: planer });
    const values = csvLines(res.body).slice(1).map((line) => line.split(',').slice(-4, -2).join(' '));
    expect(values).toEqual(['2 false', '12 false', '30.25 false', '31.5 false', '45.5 false']);
  });

  test('when periods, indicators and spaces are selected, then only that selection comes', async () => {
    const res = await call(exportUrl('format=csv&spaces=TST-EX-02,TST-EX-03&indicators=test.ex.share&periods=2021'), { token: gast });
    expect(csvLines(res.body)).toEqual([header, `TST-EX-02,Neustadt (Test),statistical-area,test.ex.share,"Anteil ""SGB II""",,2021,30.25,false,,${release}`]);
  });
});

describe('GeoJSON export', () => {
  test('when exported, then each space is one feature with its geometry and a property per indicator and period', async () => {
    const res = await call(exportUrl(`format=geojson&${ALL}`), { token: gast });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(res.body.type).toBe('FeatureCollection');
    const [one, two, three] = res.body.features;
    expect(one.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[[[9.43, 54.78], [9.44, 54.78], [9.44, 54.79], [9.43, 54.78]]]] });
    expect(one.properties).toEqual({
      code: 'TST-EX-01',
      name: 'Altstadt (Test)',
      type: 'statistical-area',
      'test.ex.count@2022': null,
      'test.ex.count@2022.suppressed': true,
      'test.ex.count@2022.reason': 'min-cases',
      'test.ex.share@2021': null,
      'test.ex.share@2021.reason': 'missing',
      'test.ex.share@2022': null,
      'test.ex.share@2022.reason': 'missing',
    });
    expect(two.geometry).toBeNull();
    expect(two.properties).toMatchObject({ 'test.ex.count@2022': 10, 'test.ex.share@2021': 30.25, 'test.ex.share@2022': 31.5 });
    expect(three.properties).toMatchObject({ 'test.ex.share@2022': null, 'test.ex.share@2022.suppressed': true, 'test.ex.share@2022.reason': 'population' });
  });

  test('when a planner exports, then the features carry raw values', async () => {
    const res = await call(exportUrl(`format=geojson&${ALL}&periods=2022`), { token: planer });
    expect(res.body.features.map((f: { properties: Record<string, unknown> }) => [f.properties['test.ex.count@2022'], f.properties['test.ex.share@2022']])).toEqual([
      [2, null],
      [12, 31.5],
      [null, 45.5],
    ]);
  });
});

describe('bad export requests', () => {
  test('when the selection names unknown indicators, spaces or malformed periods, then the problem names them', async () => {
    const indicator = await call(exportUrl('format=csv&indicators=test.ex.count,nope.1,nope.2'), { token: gast });
    expect(indicator.status).toBe(404);
    expect(indicator.body.detail).toBe('Unknown indicators: nope.1, nope.2.');
    const space = await call(exportUrl('format=csv&type=social-space&spaces=TST-EX-01'), { token: gast });
    expect(space.status).toBe(404);
    expect(space.body.detail).toBe('Unknown spaces of type social-space: TST-EX-01.');
    const period = await call(exportUrl('format=csv&periods=2022,22.1.2022'), { token: gast });
    expect(period.status).toBe(400);
    expect(period.body.detail).toContain('22.1.2022');
  });

  test('when the format is missing or unknown, or an unknown parameter is sent, then 400', async () => {
    expect((await call(exportUrl('indicators=test.ex.count'), { token: gast })).status).toBe(400);
    expect((await call(exportUrl('format=xlsx'), { token: gast })).status).toBe(400);
    expect((await call(exportUrl('format=csv&space=TST-EX-01'), { token: gast })).status).toBe(400);
  });
});
