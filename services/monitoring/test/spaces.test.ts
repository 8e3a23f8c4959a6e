import { readFileSync } from 'node:fs';
import { call, userToken } from '@sozialraum/kit/testing';
import { readZip } from '../src/domain/geodata/zip';
import { base64Of, boundsOf, FLENSBURG_GEOJSON, FLENSBURG_SHP_ZIP, importAndWait } from './spaces.helpers';
import { zipOf } from './unit/geodata.helpers';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';
import { getClasses, getOutlines, type MapClasses, type MapOutlines } from './helpers/map';

let service: MonitoringService;
let planer: string;
const run = Date.now().toString(36);
/** Codes of this run, so the file can run again on a non-empty database. */
const code = (name: string) => `T-${name}-${run}`;
const square = (lon: number, lat: number, size = 0.01) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});
const flensburg = { fileName: 'stadtteile.geojson', format: 'geojson', type: 'social-space', codeProperty: 'AREA_ID', nameProperty: 'AREA_NAME' };

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  planer = await userToken('planer');
});
afterAll(async () => {
  const db = service.deps.pool;
  await db.query(`DELETE FROM index_run WHERE method_version_id IN (SELECT id FROM method_version WHERE key = $1)`, [`map-test-${run}`]);
  await db.query(`DELETE FROM method_version WHERE key = $1`, [`map-test-${run}`]);
  await db.query(`DELETE FROM indicator_value WHERE indicator_key = $1`, [`map_${run}`]);
  await db.query(`DELETE FROM indicator WHERE key = $1`, [`map_${run}`]);
  await db.query(`DELETE FROM data_release WHERE key = $1`, [`map-${run}`]);
  await db.query(`DELETE FROM space WHERE code LIKE $1 AND parent_id IS NOT NULL`, [`T-%-${run}`]);
  await db.query(`DELETE FROM space WHERE code LIKE $1`, [`T-%-${run}`]);
  await service.close();
});

const post = (path: string, body: unknown, token = planer, headers?: Record<string, string>) =>
  call(`${service.url}${path}`, { token, method: 'POST', body, headers });
const patch = (path: string, body: unknown, token = planer) => call(`${service.url}${path}`, { token, method: 'PATCH', body });
const get = (path: string, token = planer) => call(`${service.url}${path}`, { token });

describe('spaces', () => {
  test('when a planner creates a space with a polygon, then it has a measured area and can be read and found', async () => {
    const created = await post('/v1/spaces', { code: code('a'), name: 'Testraum A', type: 'district', population: 5000, geometry: square(9.4, 54.78) });
    expect(created.status).toBe(201);
    // 0.01° × 0.01° at 54.78° N is about 1,113 m × 642 m.
    expect(created.body).toMatchObject({ code: code('a'), type: 'district', parentCode: null, validFrom: '1900-01-01', validUntil: null, population: 5000, hasGeometry: true });
    expect(created.body.areaM2).toBeGreaterThan(690_000);
    expect(created.body.areaM2).toBeLessThan(740_000);
    expect((await get(`/v1/spaces/${code('a')}`)).body).toEqual(created.body);
    const found = await get(`/v1/spaces?type=district&q=${encodeURIComponent(`a-${run}`)}`, await userToken('gast'));
    expect(found.body.items.map((s: { code: string }) => s.code)).toEqual([code('a')]);
  });

  test('when a code exists already, then creating it again is a 409', async () => {
    const again = await post('/v1/spaces', { code: code('a'), name: 'Doppelt', type: 'district' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(code('a'));
  });

  test('when the parent is known, then the child lists under it; when unknown, then 422 names it', async () => {
    const child = await post('/v1/spaces', { code: code('a1'), name: 'Kind', type: 'statistical-area', parentCode: code('a') });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ parentCode: code('a'), hasGeometry: false, areaM2: null });
    expect((await get(`/v1/spaces?parent=${code('a')}`)).body.items.map((s: { code: string }) => s.code)).toEqual([code('a1')]);
    const orphan = await post('/v1/spaces', { code: code('x'), name: 'Waise', type: 'district', parentCode: 'NOPE' });
    expect(orphan.status).toBe(422);
    expect(orphan.body.detail).toContain('NOPE');
  });

  test('when the polygon intersects itself, then 422 gives PostGIS\'s reason and nothing is stored', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[9.4, 54.7], [9.41, 54.71], [9.41, 54.7], [9.4, 54.71], [9.4, 54.7]]] };
    const response = await post('/v1/spaces', { code: code('bad'), name: 'Schleife', type: 'district', geometry: bowtie });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/not valid: Self-intersection/);
    expect((await get(`/v1/spaces/${code('bad')}`)).status).toBe(404);
  });

  test('when someone who is not a planner writes, then 403', async () => {
    for (const user of ['gast', 'soziales']) {
      const token = await userToken(user);
      expect((await post('/v1/spaces', { code: code('g'), name: 'G', type: 'district' }, token)).status).toBe(403);
      expect((await patch(`/v1/spaces/${code('a')}`, { name: 'G' }, token)).status).toBe(403);
      expect((await post('/v1/imports/spaces', { ...flensburg, content: base64Of(FLENSBURG_GEOJSON) }, token)).status).toBe(403);
    }
  });

  test('when a version ends and a new one starts, then `at` picks the version valid on that day', async () => {
    const v = code('v');
    expect((await post('/v1/spaces', { code: v, name: 'Alt', type: 'district', validFrom: '2020-01-01' })).status).toBe(201);
    expect((await patch(`/v1/spaces/${v}`, { validUntil: '2019-06-01' })).status).toBe(422);
    expect((await patch(`/v1/spaces/${v}`, { validUntil: '2024-01-01' })).body.validUntil).toBe('2024-01-01');
    expect((await get(`/v1/spaces/${v}?at=2024-06-01`)).status).toBe(404);
    expect((await post('/v1/spaces', { code: v, name: 'Überlappt', type: 'district', validFrom: '2023-01-01' })).status).toBe(409);
    expect((await post('/v1/spaces', { code: v, name: 'Neu', type: 'district', validFrom: '2024-01-01' })).status).toBe(201);
    expect((await get(`/v1/spaces/${v}?at=2023-12-31`)).body).toMatchObject({ name: 'Alt', validUntil: '2024-01-01' });
    expect((await get(`/v1/spaces/${v}?at=2024-01-01`)).body).toMatchObject({ name: 'Neu', validFrom: '2024-01-01', validUntil: null });
    expect((await get(`/v1/spaces/${v}`)).body.name).toBe('Neu');
    expect((await get(`/v1/spaces/${v}?at=2019-12-31`)).status).toBe(404);
  });
});

describe('space imports', () => {
  test('when Flensburg\'s GeoJSON is imported, then its 13 Stadtteile exist in lon/lat around 9.4 E 54.8 N', async () => {
    const done = await importAndWait(service.url, planer, { ...flensburg, content: base64Of(FLENSBURG_GEOJSON) });
    expect(done).toMatchObject({ status: 'succeeded', kind: 'spaces', imported: 13, progress: { done: 13, total: 13 } });
    const codes = Array.from({ length: 13 }, (_, i) => `STGT${String(i + 1).padStart(2, '0')}`);
    const listed = (await get('/v1/spaces?type=social-space&q=STGT')).body.items;
    expect(listed.map((s: { code: string }) => s.code)).toEqual(codes);
    expect(listed.find((s: { code: string }) => s.code === 'STGT03')).toMatchObject({ name: '03 Nordstadt', hasGeometry: true });
    const map = await get('/v1/map/outlines?type=social-space&simplify=false');
    expect(map.headers.get('content-type')).toContain('application/geo+json');
    const features = map.body.features.filter((f: { properties: { code: string } }) => codes.includes(f.properties.code));
    expect(features).toHaveLength(13);
    const [minLon, minLat, maxLon, maxLat] = boundsOf(features);
    expect([minLon, maxLon].every((lon) => lon > 9.3 && lon < 9.6)).toBe(true);
    expect([minLat, maxLat].every((lat) => lat > 54.7 && lat < 54.9)).toBe(true);
  });

  test('when the same Stadtteile come as a UTM 32N shapefile, then the reprojected areas match the GeoJSON\'s', async () => {
    const before = (await get('/v1/spaces?type=social-space&q=STGT')).body.items;
    const done = await importAndWait(service.url, planer, { ...flensburg, fileName: 'stadtteile_shp.zip', format: 'shapefile', content: base64Of(FLENSBURG_SHP_ZIP) });
    expect(done.status).toBe('succeeded');
    const after = (await get('/v1/spaces?type=social-space&q=STGT')).body.items;
    expect(after).toHaveLength(13);
    after.forEach((space: { areaM2: number }, i: number) => expect(space.areaM2 / before[i].areaM2).toBeCloseTo(1, 2));
  });

  test('when the file is not JSON, then the import fails with the parser\'s reason in its report', async () => {
    const done = await importAndWait(service.url, planer, { ...flensburg, content: Buffer.from('AREA_ID;AREA_NAME\n').toString('base64') });
    expect(done.status).toBe('failed');
    expect(done.report.rejected[0].reason).toMatch(/^not valid JSON/);
  });

  test('when the ZIP has no .prj, then the import fails saying the CRS is unknown', async () => {
    const parts = readZip(readFileSync(FLENSBURG_SHP_ZIP));
    const withoutPrj = zipOf(Object.fromEntries([...parts].filter(([name]) => !name.endsWith('.prj'))));
    const done = await importAndWait(service.url, planer, { ...flensburg, format: 'shapefile', content: withoutPrj.toString('base64') });
    expect(done.status).toBe('failed');
    expect(done.report.rejected[0].reason).toBe('the ZIP has no Stadtteile.prj, so the coordinate reference system is unknown');
  });

  test('when the code property is not in the file, then the import fails naming the properties there are', async () => {
    const done = await importAndWait(service.url, planer, { ...flensburg, codeProperty: 'STT_NR', content: base64Of(FLENSBURG_GEOJSON) });
    expect(done.status).toBe('failed');
    expect(done.report.rejected[0].reason).toMatch(/property "STT_NR" not found in any feature \(available: AREA_ID, AREA_NAME, /);
  });

  test('when a polygon intersects itself, then the import fails naming the feature and writes nothing', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[9.4, 54.7], [9.41, 54.71], [9.41, 54.7], [9.4, 54.71], [9.4, 54.7]]] };
    const features = [
      { type: 'Feature', properties: { ID: code('i1'), NAME: 'Gut' }, geometry: square(9.4, 54.7) },
      { type: 'Feature', properties: { ID: code('i2'), NAME: 'Schleife' }, geometry: bowtie },
    ];
    const content = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })).toString('base64');
    const done = await importAndWait(service.url, planer, { ...flensburg, type: 'district', codeProperty: 'ID', nameProperty: 'NAME', content });
    expect(done.status).toBe('failed');
    expect(done.report.rejected).toEqual([{ line: 2, column: null, reason: expect.stringMatching(/^invalid geometry \(T-i2-.*\): Self-intersection/) }]);
    expect((await get(`/v1/spaces/${code('i1')}`)).status).toBe(404);
  });

  test('when the parent does not exist, then the import fails and says so', async () => {
    const done = await importAndWait(service.url, planer, { ...flensburg, parentCode: code('nope'), content: base64Of(FLENSBURG_GEOJSON) });
    expect(done.status).toBe('failed');
    expect(done.error).toContain(`parent space "${code('nope')}" does not exist`);
  });

  test('when the same Idempotency-Key is sent twice, then both answers are one import with one job', async () => {
    const headers = { 'Idempotency-Key': `spaces-${run}` };
    const body = { ...flensburg, content: base64Of(FLENSBURG_GEOJSON) };
    const first = await post('/v1/imports/spaces', body, planer, headers);
    const second = await post('/v1/imports/spaces', body, planer, headers);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    const jobs = await service.deps.jobs.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    expect(jobs.filter((j) => j.name === 'import-spaces' && j.data.importId === first.body.id)).toHaveLength(1);
  });
});

describe('map', () => {
  const key = `map_${run}`;
  const method = `map-test-${run}`;

  beforeAll(async () => {
    const a = (await post('/v1/spaces', { code: code('m1'), name: 'Karte 1', type: 'statistical-area', population: 5000, geometry: square(9.5, 54.8) })).body;
    await post('/v1/spaces', { code: code('m2'), name: 'Karte 2', type: 'statistical-area', population: 5000, geometry: square(9.51, 54.8) });
    expect(a.code).toBe(code('m1'));
    const db = service.deps.pool;
    await db.query(`INSERT INTO indicator (key, name, polarity, kind) VALUES ($1, 'Testzahl', 'higher-is-worse', 'count')`, [key]);
    const release = await db.query<{ id: number }>(`INSERT INTO data_release (key, title) VALUES ($1, 'Test') RETURNING id`, [`map-${run}`]);
    await db.query(
      `INSERT INTO indicator_value (space_id, indicator_key, period, release_id, value)
       SELECT id, $1, '2022', $2, CASE code WHEN $3 THEN 2 ELSE 41 END FROM space WHERE code IN ($3, $4)`,
      [key, release.rows[0]?.id, code('m1'), code('m2')],
    );
    const mv = await db.query<{ id: number }>(`INSERT INTO method_version (key, version, definition, active, created_by) VALUES ($1, '1', '{}', false, 'test') RETURNING id`, [method]);
    const runRow = await db.query<{ id: number }>(`INSERT INTO index_run (method_version_id, period, input_releases, summary, statistics) VALUES ($1, '2022', '[]', '{}', '{}') RETURNING id`, [mv.rows[0]?.id]);
    await db.query(
      `INSERT INTO index_result (run_id, space_id, status_class, dynamics_class, combined_group) SELECT $1, id, 4, 5, 12 FROM space WHERE code = $2`,
      [runRow.rows[0]?.id, code('m1')],
    );
  });

  /** The map as the web app reads it: the outlines joined with the classes and values by code. */
  const mapOf = async (query: Record<string, string>, token = planer) => {
    const classes = await getClasses(service.url, { type: 'statistical-area', ...query }, token);
    const outlines = await getOutlines(service.url, { type: 'statistical-area' }, token);
    const mine = outlines.body.features.filter((f: MapOutlines['features'][number]) => f.properties.code.startsWith('T-m') && f.properties.code.endsWith(run));
    const props = mine.map((f: MapOutlines['features'][number]) => {
      const { values, ...rest } = (classes.body as MapClasses).spaces[f.properties.code]!;
      return { ...f.properties, ...values, ...rest };
    });
    return { ...classes, props };
  };

  test('when indicators and a method are asked for, then values are protected and classes come from its newest run', async () => {
    const raw = await mapOf({ indicators: key, method: `${method}@1` });
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({ periods: { [key]: '2022' }, method: `${method}@1`, classPeriod: '2022' });
    expect(raw.props).toEqual([
      { code: code('m1'), name: 'Karte 1', type: 'statistical-area', [key]: { value: 2, suppressed: false }, statusClass: 4, dynamicsClass: 5, combinedGroup: 12 },
      { code: code('m2'), name: 'Karte 2', type: 'statistical-area', [key]: { value: 41, suppressed: false }, statusClass: null, dynamicsClass: null, combinedGroup: null },
    ]);
    const guest = await mapOf({ indicators: key, method: `${method}@1`, period: '2022' }, await userToken('gast'));
    expect(guest.props.map((p: Record<string, unknown>) => p[key])).toEqual([
      { value: null, suppressed: true, reason: 'min-cases' },
      { value: 40, suppressed: false, rounded: true },
    ]);
  });

  test('when a period has no values, then each value is marked missing rather than left out', async () => {
    const map = await mapOf({ indicators: key, period: '2019', method: `${method}@1` });
    expect(map.props[0]).toMatchObject({ [key]: { value: null, suppressed: false, reason: 'missing' }, statusClass: null });
  });

  test('when an indicator or method is unknown, then 422 names it', async () => {
    const indicator = await get(`/v1/map/classes?${new URLSearchParams({ indicators: `${key},nope_${run}` })}`);
    expect(indicator.status).toBe(422);
    expect(indicator.body.detail).toContain(`nope_${run}`);
    const unknownMethod = await get(`/v1/map/classes?${new URLSearchParams({ method: 'nope@9' })}`);
    expect(unknownMethod.status).toBe(422);
    expect(unknownMethod.body.detail).toContain('nope@9');
  });

  test('when values, spaces or the method\'s runs change after a map was read, then the next map shows them (maps are kept by data version and run)', async () => {
    const db = service.deps.pool;
    const query = { indicators: key, method: `${method}@1` };
    const first = (await mapOf(query)).props;
    expect(first.map((p: Record<string, unknown>) => [p[key], p.name, p.statusClass])).toEqual([
      [{ value: 2, suppressed: false }, 'Karte 1', 4],
      [{ value: 41, suppressed: false }, 'Karte 2', null],
    ]);
    await db.query(`UPDATE indicator_value SET value = 7 WHERE indicator_key = $1 AND space_id = (SELECT id FROM space WHERE code = $2)`, [key, code('m1')]);
    await db.query(`UPDATE space SET name = 'Karte 2b' WHERE code = $1`, [code('m2')]);
    const mv = await db.query<{ id: number }>('SELECT id FROM method_version WHERE key = $1', [method]);
    const newer = await db.query<{ id: number }>(
      `INSERT INTO index_run (method_version_id, period, input_releases, summary, statistics) VALUES ($1, '2022', '[]', '{}', '{}') RETURNING id`,
      [mv.rows[0]?.id],
    );
    await db.query(`INSERT INTO index_result (run_id, space_id, status_class, dynamics_class, combined_group) SELECT $1, id, 2, 3, 5 FROM space WHERE code = $2`, [newer.rows[0]?.id, code('m1')]);
    try {
      expect((await mapOf(query)).props.map((p: Record<string, unknown>) => [p[key], p.name, p.statusClass])).toEqual([
        [{ value: 7, suppressed: false }, 'Karte 1', 2],
        [{ value: 41, suppressed: false }, 'Karte 2b', null],
      ]);
    } finally {
      await db.query('DELETE FROM index_run WHERE id = $1', [newer.rows[0]?.id]);
      await db.query(`UPDATE indicator_value SET value = 2 WHERE indicator_key = $1 AND space_id = (SELECT id FROM space WHERE code = $2)`, [key, code('m1')]);
      await db.query(`UPDATE space SET name = 'Karte 2' WHERE code = $1`, [code('m2')]);
    }
    expect((await mapOf(query)).props).toEqual(first);
  });
});
