import { dataPath } from '../data';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { parseShapefileZip } from '../../src/domain/geodata';
import { readZip } from '../../src/domain/geodata/zip';
import { dbfOf, problemsOf, shpOf, squareCw, zipOf, type TestShape } from './geodata.helpers';

const UTM33 = readZip(readFileSync(dataPath('berlin-mss-2021/planungsraeume_2021_shp.zip'))).get(
  'lor_planungsraeume_2021.prj',
) as Buffer;
const mapping = { codeProperty: 'CODE', nameProperty: 'NAME' };

function layer(shapes: TestShape[], records: Array<Array<string | null>>, extra: Record<string, Buffer | string> = {}) {
  return zipOf({ 'a.shp': shpOf(shapes), 'a.dbf': dbfOf(['CODE', 'NAME'], records), 'a.prj': UTM33, ...extra });
}

describe('parseShapefileZip', () => {
  test('when a shape has two outer rings and a hole, then it becomes two polygons, the hole in the right one', () => {
    const outerA = squareCw(390000, 5820000, 1000);
    const hole = [...squareCw(390250, 5820250, 500)].reverse();
    const outerB = squareCw(395000, 5820000, 1000);
    const [unit] = parseShapefileZip(layer([{ shapeType: 5, parts: [outerA, outerB, hole] }], [['01100101', 'Süd']]), mapping);

    expect(unit).toMatchObject({ code: '01100101', name: 'Süd' });
    expect(unit?.geometry.coordinates.map((polygon) => polygon.length)).toEqual([2, 1]);
    const [lon, lat] = unit?.geometry.coordinates[0]?.[0]?.[0] ?? [];
    expect(lon).toBeCloseTo(13.3788, 4);
    expect(lat).toBeCloseTo(52.519, 4);
  });

  test('when shapes are null, lines, or share a code, then each problem is listed', () => {
    const zip = layer(
      [
        { shapeType: 5, parts: [squareCw(390000, 5820000, 10)] },
        null,
        { shapeType: 3, parts: [[[390000, 5820000], [390010, 5820010]]] },
        { shapeType: 5, parts: [squareCw(391000, 5820000, 10)] },
        { shapeType: 5, parts: [squareCw(392000, 5820000, 10)] },
      ],
      [['1', 'a'], ['2', 'b'], ['3', 'c'], ['1', 'd'], [null, 'e']],
    );

    expect(problemsOf(() => parseShapefileZip(zip, mapping))).toEqual([
      { featureIndex: 1, reason: 'missing geometry' },
      { featureIndex: 2, reason: 'non-polygon geometry (PolyLine)' },
      { featureIndex: 3, reason: 'duplicate code "1" (same as feature 0)' },
      { featureIndex: 4, reason: 'missing code property "CODE"' },
    ]);
  });

  test('when the .prj is missing, then the error says the CRS is unknown', () => {
    const zip = zipOf({
      'a.shp': shpOf([{ shapeType: 5, parts: [squareCw(390000, 5820000, 10)] }]),
      'a.dbf': dbfOf(['CODE', 'NAME'], [['1', 'a']]),
    });

    expect(() => parseShapefileZip(zip, mapping)).toThrow('the ZIP has no a.prj, so the coordinate reference system is unknown');
  });

  test('when the .prj is not a CRS proj4 knows, then the error quotes it', () => {
    const zip = layer([{ shapeType: 5, parts: [squareCw(390000, 5820000, 10)] }], [['1', 'a']], { 'a.prj': 'NONSENSE["x"]' });

    expect(() => parseShapefileZip(zip, mapping)).toThrow('the .prj names an unknown coordinate reference system: NONSENSE["x"]');
  });

  test('when the .prj is geographic but the coordinates are metres, then the lon/lat check catches it', () => {
    const wgs84 =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const zip = layer([{ shapeType: 5, parts: [squareCw(390000, 5820000, 10)] }], [['1', 'a']], { 'a.prj': wgs84 });

    expect(() => parseShapefileZip(zip, mapping)).toThrow(/coordinates are not WGS84 longitude\/latitude .*check the \.prj/);
  });

  test('when the ZIP holds no or several shapefiles, then it is rejected', () => {
    expect(() => parseShapefileZip(zipOf({ 'readme.txt': 'hi' }), mapping)).toThrow('the ZIP contains no .shp file');
    const two = zipOf({ 'a.shp': shpOf([]), 'b.SHP': shpOf([]) });
    expect(() => parseShapefileZip(two, mapping)).toThrow('the ZIP contains 2 shapefiles (a.shp, b.SHP); upload one layer');
    expect(() => parseShapefileZip(Buffer.from('not a zip at all, really'), mapping)).toThrow(
      'cannot read the ZIP archive: not a ZIP file',
    );
  });

  test('when an entry cannot be inflated (damaged or password-protected), then the error says so', () => {
    const zip = Buffer.from(zipSync({ 'a.shp': shpOf([{ shapeType: 5, parts: [squareCw(390000, 5820000, 10)] }]) }));
    zip[30 + 'a.shp'.length] = 0x07; // first deflate block header: block type 3 does not exist

    expect(() => parseShapefileZip(zip, mapping)).toThrow(
      'cannot read the ZIP archive: invalid block type (a damaged or encrypted entry)',
    );
  });
});
