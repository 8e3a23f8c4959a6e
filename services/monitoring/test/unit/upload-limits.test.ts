import { zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { ArchiveError, checkZipStream, unzipWithinLimits, ZIP_LIMITS } from '../../src/domain/archive';
import { parseShapefileZip } from '../../src/domain/geodata';
import { ImportFileError, parseIndicatorFile } from '../../src/domain/imports';
import { dataPath } from '../data';
import { readFileSync } from 'node:fs';
import { dbfOf, shpOf, squareCw, zipOf } from './geodata.helpers';

const mapping = { codeProperty: 'CODE', nameProperty: 'NAME' };
const small = { entries: 3, totalBytes: 10_000, ratio: 10, ratioFrom: 100 };
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
};

/** Sets the unpacked size every header of the (single-entry) archive declares. */
function declareSize(zip: Buffer, size: number): Buffer {
  const patched = Buffer.from(zip);
  for (let at = 0; at + 4 <= patched.length; at++) {
    if (patched.readUInt32LE(at) === 0x04034b50) patched.writeUInt32LE(size, at + 22);
    if (patched.readUInt32LE(at) === 0x02014b50) patched.writeUInt32LE(size, at + 24);
  }
  return patched;
}

describe('unpacking an uploaded ZIP within limits', () => {
  test('when a real zipped shapefile is unpacked, then every entry comes out whole', () => {
    const files = unzipWithinLimits(readFileSync(dataPath('flensburg/stadtteile_shp.zip')));
    expect(files.get('Stadtteile.shp')?.length).toBe(170_220);
    expect(files.get('Stadtteile.dbf')?.length).toBe(5_093);
  });

  test('when an archive has more entries than allowed, then it is refused before anything is unpacked', () => {
    const zip = zipOf({ a: 'a', b: 'b', c: 'c', d: 'd' });
    expect(refusal(() => unzipWithinLimits(zip, undefined, small))).toEqual(new ArchiveError('the archive has more than 3 entries'));
  });

  test('when the entries declare more unpacked bytes than allowed, then it is refused', () => {
    const zip = zipOf({ 'a.dbf': Buffer.alloc(6_000, 0x20), 'b.dbf': Buffer.alloc(6_000, 0x20) });
    expect(String(refusal(() => unzipWithinLimits(zip, undefined, small)))).toMatch(/declares more than 0 MB unpacked/);
  });

  test('when an entry is compressed like a ZIP bomb, then it is refused by its ratio (real default limits)', () => {
    const bomb = Buffer.from(zipSync({ 'a.dbf': new Uint8Array(20 * 1024 * 1024) }, { level: 9 }));
    expect(bomb.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    expect(String(refusal(() => unzipWithinLimits(bomb)))).toMatch(/a\.dbf is compressed more than 200:1/);
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 1024 * 1024);
    expect(ZIP_LIMITS.entries).toBe(100);
  });

  test('when an entry unpacks to more than its header declares, then unpacking stops there and it is refused', () => {
    const honest = Buffer.from(zipSync({ 'a.shp': Buffer.alloc(5_000, 7) }));
    const understated = declareSize(honest, 1_000);
    expect(String(refusal(() => unzipWithinLimits(understated)))).toMatch(/a\.shp unpacks to more than the 1000 bytes the archive declares/);
    const overstated = declareSize(honest, 9_000);
    expect(String(refusal(() => unzipWithinLimits(overstated)))).toMatch(/a\.shp unpacks to 5000 bytes, not the 9000/);
  });

  test('when a zipped shapefile is a bomb, then the import reports it as a geodata problem', () => {
    const bomb = Buffer.from(zipSync({ 'a.shp': shpOf([]), 'a.dbf': new Uint8Array(20 * 1024 * 1024), 'a.prj': Buffer.from('x') }, { level: 9 }));
    expect(() => parseShapefileZip(bomb, mapping)).toThrow(/a\.dbf is compressed more than 200:1/);
  });

  test('when an XLSX workbook is a bomb or lies about its sizes, then reading it fails with the reason', async () => {
    const bomb = Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 }));
    const mappingWide = { layout: 'wide' as const, spaceColumn: 'A', columns: { B: 'B' }, period: '2022' };
    await expect(parseIndicatorFile(bomb, 'xlsx', mappingWide)).rejects.toBeInstanceOf(ImportFileError);
    await expect(parseIndicatorFile(bomb, 'xlsx', mappingWide)).rejects.toThrow(/cannot read the XLSX file: .*compressed more than 200:1/);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Daten').addRows([['A', 'B'], ['01', 1]]);
    const zip = Buffer.from(await workbook.xlsx.writeBuffer());
    const lying = Buffer.from(zip);
    for (let at = 0; at + 4 <= lying.length; at++) if (lying.readUInt32LE(at) === 0x02014b50) lying.writeUInt32LE(10, at + 24);
    await expect(parseIndicatorFile(lying, 'xlsx', mappingWide)).rejects.toThrow(/cannot read the XLSX file: .*unpacks to more than the 10 bytes/);
  });

  test('when an archive read as a stream breaks a limit, then it is refused while it inflates, keeping nothing', async () => {
    const inParts = (zip: Uint8Array) =>
      (async function* () {
        for (let at = 0; at < zip.length; at += 4096) yield zip.subarray(at, at + 4096);
      })();
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    await expect(checkZipStream(inParts(bomb))).rejects.toThrow(/^xl\/worksheets\/sheet1\.xml is compressed more than 200:1/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}.txt`, Buffer.from('x')])));
    await expect(checkZipStream(inParts(many))).rejects.toThrow('the archive has more than 100 entries');
    const large = zipSync({ 'a.xml': new Uint8Array(3000), 'b.xml': new Uint8Array(3000) });
    await expect(checkZipStream(inParts(large), { ...ZIP_LIMITS, totalBytes: 5000 })).rejects.toThrow('the archive unpacks to more than 0 MB');
    await expect(checkZipStream(inParts(Buffer.from('PK\u0003\u0004 not a zip')))).rejects.toBeInstanceOf(ArchiveError);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Daten').addRows([['A', 'B'], ['01', 1]]);
    await expect(checkZipStream(inParts(Buffer.from(await workbook.xlsx.writeBuffer())))).resolves.toBeUndefined();
  });
});

describe('a .shp or .dbf whose header promises more than the file holds', () => {
  const square = { shapeType: 5, parts: [squareCw(390000, 5820000, 10)] };
  const prj = unzipWithinLimits(readFileSync(dataPath('flensburg/stadtteile_shp.zip'))).get('Stadtteile.prj') as Buffer;
  const layer = (shp: Buffer, dbf: Buffer) => zipOf({ 'a.shp': shp, 'a.dbf': dbf, 'a.prj': prj });
  const dbf = dbfOf(['CODE', 'NAME'], [['1', 'a']]);

  test('when the .shp header states a longer file, then it is refused', () => {
    const shp = shpOf([square]);
    shp.writeInt32BE(shp.length, 24); // in 16-bit words: twice the bytes there are
    expect(() => parseShapefileZip(layer(shp, dbf), mapping)).toThrow(`the .shp header promises ${shp.length * 2} bytes, but the file holds ${shp.length}`);
  });

  test('when a record or a polygon promises more bytes or points than it has, then it is refused with its number', () => {
    const record = shpOf([square]);
    record.writeInt32BE(1_000_000, 104); // the record's content length
    expect(() => parseShapefileZip(layer(record, dbf), mapping)).toThrow(/\.shp record 1 promises 2000000 bytes, more than the file holds/);
    const points = shpOf([square]);
    points.writeInt32LE(100_000_000, 108 + 40); // the polygon's number of points
    expect(() => parseShapefileZip(layer(points, dbf), mapping)).toThrow(/\.shp record 1 promises 1 parts and 100000000 points/);
  });

  test('when the .dbf header promises more records than the file holds, then it is refused', () => {
    const cut = Buffer.from(dbf);
    cut.writeUInt32LE(1_000_000, 4);
    expect(() => parseShapefileZip(layer(shpOf([square]), cut), mapping)).toThrow(/the \.dbf header promises 1000000 records of 41 bytes, but the file holds only 41 bytes of records/);
  });
});
