import { DATA_DIR } from '../data';
import { readFileSync } from 'node:fs';
import { parseGeoJson, parseShapefileZip, type Position, type SpatialUnit } from '../../src/domain/geodata';

const DATA = DATA_DIR;
const flensburgMapping = { codeProperty: 'AREA_ID', nameProperty: 'AREA_NAME' };

function bounds(units: SpatialUnit[]) {
  const positions = units.flatMap((u) => u.geometry.coordinates.flat(2));
  const lons = positions.map(([lon]) => lon);
  const lats = positions.map(([, lat]) => lat);
  // reduce, not Math.min(...): Berlin has too many positions for the argument list
  const min = (xs: number[]) => xs.reduce((a, b) => Math.min(a, b), Infinity);
  const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity);
  return { minLon: min(lons), maxLon: max(lons), minLat: min(lats), maxLat: max(lats) };
}

/** Largest coordinate difference in degrees between two rings; 1e-8° is about 1 mm. */
function ringDistance(a: Position[], b: Position[]): number {
  if (a.length !== b.length) return Infinity;
  return a.reduce((m, [lon, lat], i) => Math.max(m, Math.abs(lon - (b[i]?.[0] ?? NaN)), Math.abs(lat - (b[i]?.[1] ?? NaN))), 0);
}

describe('Flensburg Stadtteile', () => {
  const geojson = parseGeoJson(readFileSync(`${DATA}/flensburg/stadtteile.geojson`), flensburgMapping);

  test('when the GeoJSON is parsed, then 13 MultiPolygon units with codes and names come out', () => {
    expect(geojson).toHaveLength(13);
    expect(geojson.map((u) => u.code).sort()).toEqual(
      Array.from({ length: 13 }, (_, i) => `STGT${String(i + 1).padStart(2, '0')}`),
    );
    expect(geojson[0]).toMatchObject({ code: 'STGT03', name: '03 Nordstadt', properties: { PARENT_ARE: 'STGM01001000' } });
    expect(geojson.every((u) => u.geometry.type === 'MultiPolygon')).toBe(true);
    const b = bounds(geojson);
    expect(b.minLon).toBeGreaterThan(9.3);
    expect(b.maxLon).toBeLessThan(9.55);
    expect(b.minLat).toBeGreaterThan(54.7);
    expect(b.maxLat).toBeLessThan(54.85);
  });

  test('when the shapefile (EPSG:25832) is parsed, then it matches the GeoJSON to the millimetre', () => {
    const shapefile = parseShapefileZip(readFileSync(`${DATA}/flensburg/stadtteile_shp.zip`), flensburgMapping);

    expect(shapefile.map((u) => [u.code, u.name])).toEqual(geojson.map((u) => [u.code, u.name]));
    expect(shapefile[0]?.properties).toMatchObject({ CLASS_NAME: 'KLEINRÄUMIGE GLIEDERUNG', LIFECYCLE_: '2018-01-01' });
    shapefile.forEach((unit, i) => {
      const expected = geojson[i]?.geometry.coordinates.flat() ?? [];
      const actual = unit.geometry.coordinates.flat();
      expect(actual).toHaveLength(expected.length);
      actual.forEach((ring, r) => expect(ringDistance(ring, expected[r] ?? [])).toBeLessThan(1e-8));
    });
  });
});

describe('Berlin Planungsräume 2021', () => {
  test('when the EPSG:25833 shapefile is parsed, then 542 units lie within Berlin in WGS84', () => {
    const units = parseShapefileZip(readFileSync(`${DATA}/berlin-mss-2021/planungsraeume_2021_shp.zip`), {
      codeProperty: 'PLR_ID',
      nameProperty: 'PLR_NAME',
    });

    expect(units).toHaveLength(542);
    expect(new Set(units.map((u) => u.code)).size).toBe(542);
    expect(units.every((u) => /^\d{8}$/.test(u.code))).toBe(true);
    expect(units.find((u) => u.code === '01100101')?.name).toBe('Stülerstraße');
    expect(units[0]).toMatchObject({ code: '11501341', name: 'Karlshorst Süd', properties: { BEZ: '11', GROESSE_M2: 2294021.723 } });
    const b = bounds(units);
    expect(b.minLon).toBeGreaterThan(13.05);
    expect(b.maxLon).toBeLessThan(13.8);
    expect(b.minLat).toBeGreaterThan(52.3);
    expect(b.maxLat).toBeLessThan(52.7);
  });
});
