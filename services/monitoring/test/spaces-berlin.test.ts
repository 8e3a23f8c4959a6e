import { call, userToken } from '@sozialraum/kit/testing';
import { base64Of, BERLIN_SHP_ZIP, boundsOf, importAndWait } from './spaces.helpers';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

// One import for the whole file (plus the re-import that tests idempotency): 542 detailed polygons.
let service: MonitoringService;
let planer: string;
let imported: Record<string, unknown>;
const request = { fileName: 'planungsraeume_2021_shp.zip', format: 'shapefile', type: 'planning-area', codeProperty: 'PLR_ID', nameProperty: 'PLR_NAME' };
type Feature = { geometry: { coordinates: number[][][][] }; properties: { code: string } };
const isPlr = (code: string) => /^\d{8}$/.test(code);

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  planer = await userToken('planer');
  imported = await importAndWait(service.url, planer, { ...request, content: base64Of(BERLIN_SHP_ZIP) });
});
afterAll(() => service.close());

async function berlinMap(simplify: boolean) {
  const response = await call(`${service.url}/v1/map/outlines?type=planning-area&simplify=${simplify}`, { token: planer });
  expect(response.status).toBe(200);
  const features = (response.body.features as Feature[]).filter((f) => isPlr(f.properties.code));
  return { features, bytes: JSON.stringify(features.map((f) => f.geometry)).length };
}

test('when Berlin\'s shapefile in EPSG:25833 is imported, then its 542 Planungsräume lie within Berlin in lon/lat', async () => {
  expect(imported).toMatchObject({ status: 'succeeded', imported: 542, progress: { done: 542, total: 542 } });
  const spaces = (await call(`${service.url}/v1/spaces?type=planning-area`, { token: planer })).body.items.filter((s: { code: string }) => isPlr(s.code));
  expect(spaces).toHaveLength(542);
  expect(spaces[0]).toMatchObject({ code: '01100101', name: 'Stülerstraße', hasGeometry: true });
  const { features } = await berlinMap(false);
  const [minLon, minLat, maxLon, maxLat] = boundsOf(features);
  expect(minLon).toBeGreaterThan(13.08);
  expect(maxLon).toBeLessThan(13.77);
  expect(minLat).toBeGreaterThan(52.33);
  expect(maxLat).toBeLessThan(52.68);
});

test('when the areas are measured, then they match the GROESSE_M2 the file states', async () => {
  const { rows } = await service.deps.pool.query<{ worst: number }>(
    `SELECT max(abs(area_m2 / (properties->>'GROESSE_M2')::float8 - 1)) AS worst
       FROM space WHERE type = 'planning-area' AND valid_until IS NULL AND code ~ '^\\d{8}$'`,
  );
  // UTM areas are distorted by up to ~0.1 % in Berlin; the spheroid area is the true one.
  expect(rows[0]?.worst).toBeLessThan(0.002);
});

test('when the same file is imported again, then nothing changes: 542 spaces with the same geometry', async () => {
  const before = await berlinMap(false);
  const again = await importAndWait(service.url, planer, { ...request, content: base64Of(BERLIN_SHP_ZIP) });
  expect(again).toMatchObject({ status: 'succeeded', imported: 542 });
  const after = await berlinMap(false);
  expect(after.features).toHaveLength(542);
  expect(after.features).toEqual(before.features);
});

test('when the map is simplified, then it is much smaller and every geometry is still valid', async () => {
  const full = await berlinMap(false);
  const simple = await berlinMap(true);
  expect(simple.features.map((f) => f.properties.code)).toEqual(full.features.map((f) => f.properties.code));
  expect(simple.bytes).toBeLessThan(full.bytes / 4);
  const { rows } = await service.deps.pool.query<{ invalid: number }>(
    `SELECT count(*) FILTER (WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(g)))::int AS invalid FROM jsonb_array_elements($1::jsonb) AS a(g)`,
    [JSON.stringify(simple.features.map((f) => f.geometry))],
  );
  expect(rows[0]?.invalid).toBe(0);
});
