import { call, userToken } from '@sozialraum/kit/testing';
import ExcelJS from 'exceljs';
import {
  base64,
  berlinPlanningAreaCodes,
  ensureIndicators,
  ensureSpaces,
  FLENSBURG_CODES,
  FLENSBURG_MAPPING,
  flensburgIndicators,
  importAndWait,
  type MonitoringService,
  releaseValues,
  runId,
  startMonitoring,
} from './helpers/monitoring';

jest.setTimeout(60_000);

let service: MonitoringService;
let planer: string;
const run = runId();

const flensburgMapping = { ...FLENSBURG_MAPPING, indicatorMap: { 'residents_by_district/residents': 'residents' } };
const flensburgBody = (release: string) => ({
  fileName: 'indicators_long.csv',
  format: 'csv',
  content: base64('flensburg/indicators_long.csv'),
  release: { key: release, title: 'Sozialatlas Flensburg 2022', source: 'Stadt Flensburg', publishedOn: '2022-11-01' },
  mapping: flensburgMapping,
});
const EINWOHNER_COLUMNS = {
  Gesamt: 'residents',
  unter6: 'residents_under_6',
  '6-15': 'residents_6_to_15',
  '15-18': 'residents_15_to_18',
  '18-27': 'residents_18_to_27',
  '27-45': 'residents_27_to_45',
  '45-55': 'residents_45_to_55',
  '55-65': 'residents_55_to_65',
  '65undmehr': 'residents_65_and_over',
  weiblich: 'residents_female',
  ausländer: 'residents_foreign',
};

const KI = ['KI_01', 'KI_02', 'KI_03', 'KI_04', 'KI_05', 'KI_16', 'KI_06', 'KI_17', 'KI_07', 'KI_09', 'KI_10', 'KI_11', 'KI_12', 'KI_13'];

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  planer = await userToken('planer');
  const { pool } = service.deps;
  await ensureSpaces(pool, 'social-space', FLENSBURG_CODES);
  await ensureSpaces(pool, 'planning-area', berlinPlanningAreaCodes());
  await ensureIndicators(pool, [
    ...flensburgIndicators().map((i) => (i.key === 'residents_by_district/residents' ? { ...i, key: 'residents' } : i)),
    ...Object.values(EINWOHNER_COLUMNS).map((key) => ({ key, kind: 'count' as const })),
    { key: 'EW', kind: 'count' },
    ...['S1', 'S3', 'S4'].map((key) => ({ key, kind: 'share' as const })),
    // Dynamics are changes in percentage points and context indicators include changes: both may be negative.
    ...['D1', 'D3', 'D4', ...KI].map((key) => ({ key, kind: 'mean' as const })),
  ]);
});
afterAll(() => service.close());

describe('importing Flensburg (long CSV)', () => {
  const release = `test-flensburg-${run}`;
  let first: { id: string; imported: number };

  test('when the planner imports the Sozialatlas, then all 2,181 values are stored under the release', async () => {
    const done = await importAndWait(service.url, planer, flensburgBody(release));
    first = done;
    expect(done).toMatchObject({ status: 'succeeded', kind: 'values', release, imported: 2181, rejected: 0, progress: { done: 2181, total: 2181 }, error: null });
    expect(done.report).toEqual({ rejected: [], notes: [], notesTotal: 0 });

    const values = await releaseValues(service.deps.pool, release);
    expect(values.size).toBe(2181);
    expect(values.get('STGT01|residents|2011')).toBe(3323);
    expect(values.get('STGT01|births_by_district/birth_rate|2019')).toBe(39.1);
    expect(values.get('STGT12|beneficiaries_characteristics_by_district/percentage_single_parents|2022')).toBe(15.8);

    const releases = await call(`${service.url}/v1/releases`, { token: await userToken('gast') });
    expect(releases.body.items[0]).toMatchObject({ key: release, title: 'Sozialatlas Flensburg 2022', source: 'Stadt Flensburg', publishedOn: '2022-11-01' });
  });

  test('when the same release is imported again, then it has the same values, none twice', async () => {
    const again = await importAndWait(service.url, planer, { ...flensburgBody(release), release: { key: release, title: 'Sozialatlas Flensburg 2022 (korrigiert)' } });
    expect(again).toMatchObject({ status: 'succeeded', imported: 2181 });
    expect(again.id).not.toBe(first.id);
    const { rows } = await service.deps.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT v.import_id)::int AS imports, min(r.title) AS title
         FROM indicator_value v JOIN data_release r ON r.id = v.release_id WHERE r.key = $1`,
      [release],
    );
    expect(rows[0]).toEqual({ n: 2181, imports: 1, title: 'Sozialatlas Flensburg 2022 (korrigiert)' });
  });

  test('when a request is retried with the same Idempotency-Key, then it gets the first import', async () => {
    const headers = { 'idempotency-key': `flensburg-${run}` };
    const body = flensburgBody(`test-idem-${run}`);
    const one = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body, headers });
    const two = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body, headers });
    expect(one.status).toBe(202);
    expect(one.headers.get('location')).toBe(`/v1/imports/${one.body.id}`);
    expect(two.status).toBe(202);
    expect(two.body.id).toBe(one.body.id);
  });

  test('when the same Idempotency-Key comes with another body, then 422; from another person, it is their own key', async () => {
    const headers = { 'idempotency-key': `flensburg-${run}` };
    const other = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: { ...flensburgBody(`test-idem-${run}`), acceptValidRows: true }, headers });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('https://sozialraum.example/problems/idempotency-key-reused');
    const admin = await call(`${service.url}/v1/imports/values`, { token: await userToken('it-admin'), method: 'POST', body: flensburgBody(`test-idem-${run}`), headers });
    const first = await call(`${service.url}/v1/imports?limit=200`, { token: planer });
    expect(admin.status).toBe(202);
    expect(admin.body.createdBy).toBe('it-admin');
    expect(first.body.items.filter((i: { release: string }) => i.release === `test-idem-${run}`)).toHaveLength(2);
  });

  test('when the mapping names a column the file lacks, then the import fails naming it and the columns there are', async () => {
    const done = await importAndWait(service.url, planer, { ...flensburgBody(`test-broken-${run}`), mapping: { ...flensburgMapping, valueColumn: 'wert' } });
    expect(done.status).toBe('failed');
    expect(done.error).toBe('unknown column "wert" in mapping (file columns: space_code, space_name, source_table, measure, year, value)');
    expect((await releaseValues(service.deps.pool, `test-broken-${run}`)).size).toBe(0);
  });

  test('when someone who is not a planner imports, then 403', async () => {
    for (const user of ['gast', 'koordination']) {
      const denied = await call(`${service.url}/v1/imports/values`, { token: await userToken(user), method: 'POST', body: flensburgBody(`test-denied-${run}`) });
      expect(denied.status).toBe(403);
    }
  });

  test('when the request lacks a release or has an unknown format, then 400 names the field', async () => {
    const { release: _release, ...noRelease } = flensburgBody('x');
    const bad = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: noRelease });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('release');
    const badFormat = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: { ...flensburgBody('x'), format: 'ods' } });
    expect(badFormat.status).toBe(400);
  });
});

describe('importing Berlin (wide CSV)', () => {
  test('when the MSS 2021 indicators are imported with a fixed period, then 3,757 values arrive and empty cells are skipped', async () => {
    const release = `test-mss-${run}`;
    const started = Date.now();
    const done = await importAndWait(service.url, planer, {
      fileName: 'indicators.csv',
      format: 'csv',
      content: base64('berlin-mss-2021/indicators.csv'),
      release: { key: release, title: 'MSS 2021' },
      mapping: { layout: 'wide', spaceColumn: 'PLR_ID', period: '2020-12-31', columns: { EW: 'EW', S1: 'S1', S3: 'S3', S4: 'S4', D1: 'D1', D3: 'D3', D4: 'D4' } },
    });
    expect(done).toMatchObject({ status: 'succeeded', imported: 542 * 7 - 6 * 6 - 1, rejected: 0, progress: { done: 542, total: 542 } });
    expect(Date.now() - started).toBeLessThan(15_000);

    const values = await releaseValues(service.deps.pool, release);
    expect(values.get('01100101|S1|2020-12-31')).toBe(4.22594);
    expect(values.get('12601236|D4|2020-12-31')).toBe(-6.2244);
    expect(values.get('06200418|EW|2020-12-31')).toBe(0);
    expect([...values.keys()].filter((k) => k.includes('|S1|'))).toHaveLength(536);
  });

  test('when all 21 columns are imported, then 11,261 values are written in a few seconds', async () => {
    const columns = Object.fromEntries(['EW', 'S1', 'S3', 'S4', 'D1', 'D3', 'D4', ...KI].map((c) => [c, c]));
    const done = await importAndWait(service.url, planer, {
      fileName: 'indicators.csv',
      format: 'csv',
      content: base64('berlin-mss-2021/indicators.csv'),
      release: { key: `test-mss-all-${run}`, title: 'MSS 2021, alle Indikatoren' },
      mapping: { layout: 'wide', spaceColumn: 'PLR_ID', period: '2020-12-31', columns },
    });
    expect(done).toMatchObject({ status: 'succeeded', imported: 542 * 21 - 6 * 20 - 1, rejected: 0 });
    expect(Date.parse(done.finishedAt) - Date.parse(done.startedAt)).toBeLessThan(5_000);
    expect((await releaseValues(service.deps.pool, `test-mss-all-${run}`)).get('01100101|KI_13|2020-12-31')).toBe(-4.83);
  });

  test('when the residents file (semicolons, BOM, key column last) is imported, then every cell is a value', async () => {
    const release = `test-einwohner-${run}`;
    const done = await importAndWait(service.url, planer, {
      fileName: 'einwohner_2022-06.csv',
      format: 'csv',
      content: base64('berlin-mss-2021/einwohner_2022-06.csv'),
      release: { key: release, title: 'Einwohner 30.06.2022', publishedOn: '2022-08-15' },
      mapping: { layout: 'wide', spaceColumn: 'PLR-ID', period: '2022-06-30', columns: EINWOHNER_COLUMNS },
    });
    expect(done).toMatchObject({ status: 'succeeded', imported: 542 * 11, rejected: 0 });
    const values = await releaseValues(service.deps.pool, release);
    expect(values.get('01100101|residents|2022-06-30')).toBe(3503);
    expect(values.get('12601236|residents_foreign|2022-06-30')).toBe(630);
  });
});

describe('importing XLSX', () => {
  test('when a workbook sheet holds long rows, then its numbers are imported from the named sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Hinweise').addRow(['Quelle: Stadt Flensburg']);
    const sheet = workbook.addWorksheet('Daten');
    sheet.addRow(['Stadtteil', 'Jahr', 'Merkmal', 'Wert']);
    sheet.addRow(['STGT01', 2023, 'residents', 3950]);
    sheet.addRow(['STGT02', 2023, 'residents', 4801]);
    sheet.addRow(['STGT03', '2023', 'residents', '1.234']);
    const release = `test-xlsx-${run}`;
    const done = await importAndWait(service.url, planer, {
      fileName: 'einwohner.xlsx',
      format: 'xlsx',
      content: base64(Buffer.from(await workbook.xlsx.writeBuffer())),
      release: { key: release, title: 'Einwohner 2023' },
      mapping: { layout: 'long', sheet: 'Daten', spaceColumn: 'Stadtteil', periodColumn: 'Jahr', indicatorColumn: 'Merkmal', valueColumn: 'Wert', decimal: 'comma' },
    });
    expect(done).toMatchObject({ status: 'succeeded', imported: 3, rejected: 0 });
    const values = await releaseValues(service.deps.pool, release);
    expect(Object.fromEntries(values)).toEqual({ 'STGT01|residents|2023': 3950, 'STGT02|residents|2023': 4801, 'STGT03|residents|2023': 1234 });
  });
});
