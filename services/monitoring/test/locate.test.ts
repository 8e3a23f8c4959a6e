import { call, userToken } from '@sozialraum/kit/testing';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

let service: MonitoringService;
let planer: string;
const run = Date.now().toString(36);
/** Codes of this run, in a corner of the map no other test uses, so the file can run again. */
const code = (name: string) => `T-LOC-${name}-${run}`;
const lon0 = 170 + (Date.now() % 5000) / 1000;
const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]],
});
const locate = (query: string, token = planer) => call(`${service.url}/v1/spaces/locate?${query}`, { token });

beforeAll(async () => {
  service = await startMonitoring();
  planer = await userToken('planer');
  const create = (body: Record<string, unknown>) => call(`${service.url}/v1/spaces`, { token: planer, method: 'POST', body });
  expect((await create({ code: code('D'), name: 'Bezirk', type: 'district', geometry: square(lon0, -60, 0.1) })).status).toBe(201);
  expect((await create({ code: code('A'), name: 'Raum A', type: 'social-space', parentCode: code('D'), geometry: square(lon0, -60, 0.05) })).status).toBe(201);
  expect((await create({ code: code('B'), name: 'Raum B', type: 'social-space', parentCode: code('D'), geometry: square(lon0 + 0.05, -60, 0.05) })).status).toBe(201);
  // A space that ended: its geometry no longer places anything today.
  expect((await create({ code: code('OLD'), name: 'Alt', type: 'social-space', validFrom: '2000-01-01', validUntil: '2010-01-01', geometry: square(lon0, -59.9, 0.05) })).status).toBe(201);
});
afterAll(async () => {
  await service.deps.pool.query(`DELETE FROM space WHERE code LIKE $1 AND parent_id IS NOT NULL`, [`T-LOC-%-${run}`]);
  await service.deps.pool.query(`DELETE FROM space WHERE code LIKE $1`, [`T-LOC-%-${run}`]);
  await service.close();
});

describe('locating a point', () => {
  test('when a point lies in a social space, then that space is the answer for its type, and the district for the district type', async () => {
    const inA = await locate(`lon=${lon0 + 0.01}&lat=-59.99&type=social-space`, await userToken('gast'));
    expect(inA.status).toBe(200);
    expect(inA.body).toMatchObject({ code: code('A'), type: 'social-space', parentCode: code('D'), hasGeometry: true });
    expect((await locate(`lon=${lon0 + 0.07}&lat=-59.99&type=social-space`)).body.code).toBe(code('B'));
    expect((await locate(`lon=${lon0 + 0.07}&lat=-59.99&type=district`)).body.code).toBe(code('D'));
  });

  test('when no type is given, then the smallest space containing the point answers', async () => {
    expect((await locate(`lon=${lon0 + 0.01}&lat=-59.99`)).body.code).toBe(code('A'));
  });

  test('when the point lies outside every current space of the type, then 404 says what to check', async () => {
    const outside = await locate(`lon=${lon0 + 0.5}&lat=-59.99&type=social-space`);
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(outside.body.detail).toMatch(/longitude and latitude/);
    // Only a version valid today places a point; on a date in its validity the old space answers.
    expect((await locate(`lon=${lon0 + 0.01}&lat=-59.87&type=social-space`)).status).toBe(404);
    expect((await locate(`lon=${lon0 + 0.01}&lat=-59.87&type=social-space&at=2005-06-01`)).body.code).toBe(code('OLD'));
  });

  test('when coordinates are missing or out of range, then 400 names the parameter; without a token, 401', async () => {
    const missing = await locate('lon=9.4');
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatch(/lat/);
    const outOfRange = await locate('lon=200&lat=54.7');
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.detail).toMatch(/lon/);
    expect((await call(`${service.url}/v1/spaces/locate?lon=9.4&lat=54.7`)).status).toBe(401);
  });
});
