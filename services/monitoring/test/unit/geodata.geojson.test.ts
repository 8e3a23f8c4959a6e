import { parseGeoJson, stripNumericPrefix } from '../../src/domain/geodata';
import { problemsOf } from './geodata.helpers';

const mapping = { codeProperty: 'id', nameProperty: 'name' };
const square = (x: number, y: number, d = 0.01) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const feature = (properties: Record<string, unknown> | null, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (features: unknown[], crsName?: string) =>
  JSON.stringify({
    type: 'FeatureCollection',
    ...(crsName ? { crs: { type: 'name', properties: { name: crsName } } } : {}),
    features,
  });

describe('parseGeoJson', () => {
  test('when a feature is a Polygon, then it becomes a counter-clockwise MultiPolygon', () => {
    const clockwise = [[[13, 52], [13, 52.1], [13.1, 52.1], [13.1, 52], [13, 52]]];
    const polygon = feature({ id: 7, name: 'A', extra: true }, { type: 'Polygon', coordinates: clockwise });
    const [unit] = parseGeoJson(collection([polygon]), mapping);

    expect(unit).toEqual({
      code: '7',
      name: 'A',
      properties: { id: 7, name: 'A', extra: true },
      geometry: { type: 'MultiPolygon', coordinates: [[[...(clockwise[0] ?? [])].reverse()]] },
    });
  });

  test('when the crs names EPSG:25833, then coordinates are reprojected to lon/lat', () => {
    const d = 100;
    const ring = [[390000, 5820000], [390000 + d, 5820000], [390000 + d, 5820000 + d], [390000, 5820000 + d], [390000, 5820000]];
    const [unit] = parseGeoJson(
      collection([feature({ id: '01100101', name: 'x' }, { type: 'Polygon', coordinates: [ring] })], 'urn:ogc:def:crs:EPSG::25833'),
      mapping,
    );

    const [lon, lat] = unit?.geometry.coordinates[0]?.[0]?.[0] ?? [];
    expect(unit?.code).toBe('01100101');
    expect(lon).toBeCloseTo(13.37881, 5);
    expect(lat).toBeCloseTo(52.51900, 5);
  });

  test.each([
    ['EPSG:25832', 500000, 6000000, 9, 54.15],
    ['EPSG:31467', 3500000, 6000000, 9, 54.13], // k = 1, unlike UTM's 0.9996
    ['EPSG:3857', 1447153, 6891041, 13, 52.5],
    ['urn:ogc:def:crs:EPSG::4326', 13.4, 52.5, 13.4, 52.5],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 13.4, 52.5, 13.4, 52.5],
  ])('when the crs is %s, then the first position lands where expected', (crs, x, y, lon, lat) => {
    const ring = [[x, y], [x + 1e-3, y], [x + 1e-3, y + 1e-3], [x, y + 1e-3], [x, y]];
    const [unit] = parseGeoJson(collection([feature({ id: 'a', name: 'a' }, { type: 'Polygon', coordinates: [ring] })], crs), mapping);

    const [gotLon, gotLat] = unit?.geometry.coordinates[0]?.[0]?.[0] ?? [];
    expect(gotLon).toBeCloseTo(lon, 2);
    expect(gotLat).toBeCloseTo(lat, 2);
  });

  test('when the crs is unknown or unsupported, then a clear file-level error is raised', () => {
    const f = feature({ id: 'a', name: 'a' }, { type: 'Polygon', coordinates: square(1, 1) });

    expect(problemsOf(() => parseGeoJson(collection([f], 'EPSG:2154'), mapping))[0]?.reason).toMatch(
      /^unsupported CRS EPSG:2154; supported: EPSG:4326, /,
    );
    expect(problemsOf(() => parseGeoJson(collection([f], 'Lambert 93'), mapping))).toEqual([
      { featureIndex: null, reason: 'unknown CRS "Lambert 93"' },
    ]);
  });

  test('when there is no crs but the coordinates are metres, then the error says lon/lat was assumed', () => {
    const f = feature({ id: 'a', name: 'a' }, { type: 'Polygon', coordinates: square(390000, 5820000, 100) });

    expect(problemsOf(() => parseGeoJson(collection([f]), mapping))[0]?.reason).toMatch(
      /^coordinates are not WGS84 longitude\/latitude \(e\.g\. \[390000, 5820000\] in feature 0\); the file has no crs member/,
    );
  });

  test('when features have problems, then every one is listed with its index', () => {
    const features = [
      feature({ id: 'a', name: 'A' }, { type: 'Polygon', coordinates: square(1, 1) }),
      feature({ id: 'a', name: 'A again' }, { type: 'MultiPolygon', coordinates: [square(2, 2)] }),
      feature({ name: 'no code' }, { type: 'Polygon', coordinates: square(3, 3) }),
      feature({ id: 'c', name: 'C' }, null),
      feature({ id: 'd', name: 'D' }, { type: 'Point', coordinates: [1, 1] }),
      feature({ id: 'e', name: 'E' }, { type: 'Polygon', coordinates: [[[1, 1], [2, 2], [1, 2]]] }),
      feature({ id: 'f', name: 'F' }, { type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 2]]] }),
      feature({ id: 'g', name: '' }, { type: 'Polygon', coordinates: square(4, 4) }),
    ];

    expect(problemsOf(() => parseGeoJson(collection(features), mapping))).toEqual([
      { featureIndex: 1, reason: 'duplicate code "a" (same as feature 0)' },
      { featureIndex: 2, reason: 'missing code property "id"' },
      { featureIndex: 3, reason: 'missing geometry' },
      { featureIndex: 4, reason: 'non-polygon geometry (Point)' },
      { featureIndex: 5, reason: 'invalid geometry: ring has 3 positions, needs at least 4' },
      { featureIndex: 6, reason: 'invalid geometry: ring is not closed' },
      { featureIndex: 7, reason: 'missing name property "name"' },
    ]);
  });

  test('when the mapping names a property no feature has, then one file-level problem lists the available ones', () => {
    const f = feature({ AREA_ID: 'a', AREA_NAME: 'A' }, { type: 'Polygon', coordinates: square(1, 1) });

    expect(problemsOf(() => parseGeoJson(collection([f]), mapping))).toEqual([
      { featureIndex: null, reason: 'property "id" not found in any feature (available: AREA_ID, AREA_NAME)' },
      { featureIndex: null, reason: 'property "name" not found in any feature (available: AREA_ID, AREA_NAME)' },
    ]);
  });

  test('when the input is not GeoJSON, then a GeodataError explains why', () => {
    expect(() => parseGeoJson('{oops', mapping)).toThrow(/not valid JSON/);
    expect(() => parseGeoJson('{"type":"Polygon"}', mapping)).toThrow(/expected a GeoJSON FeatureCollection or Feature/);
    expect(() => parseGeoJson(collection([]), mapping)).toThrow(/the file contains no features/);
  });
});

describe('stripNumericPrefix', () => {
  test.each([
    ['03 Nordstadt', 'Nordstadt'],
    ['3. Nordstadt', 'Nordstadt'],
    ['12 - Jürgensby', 'Jürgensby'],
    ['Nordstadt', 'Nordstadt'],
    ['1000 Eichen', 'Eichen'],
    ['42', '42'],
  ])('when the name is %p, then the display name is %p', (name, expected) => {
    expect(stripNumericPrefix(name)).toBe(expected);
  });
});
