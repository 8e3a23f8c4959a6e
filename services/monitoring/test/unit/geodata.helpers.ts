// Builders for small ZIP, .shp and .dbf files, so error cases need no fixture files.
import { GeodataError, type GeodataProblem } from '../../src/domain/geodata';

/** A ZIP with stored (uncompressed) entries; CRCs are left 0 as the reader does not check them. */
export function zipOf(files: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export type TestShape = null | { shapeType: number; parts: Array<Array<[number, number]>> };

/** A .shp with the given records (polygon and polyline share one record layout). */
export function shpOf(shapes: TestShape[]): Buffer {
  const records = shapes.map((shape, i) => {
    const points = shape?.parts.flat() ?? [];
    const content = Buffer.alloc(shape ? 44 + 4 * shape.parts.length + 16 * points.length : 4);
    content.writeInt32LE(shape?.shapeType ?? 0, 0);
    if (shape) {
      content.writeInt32LE(shape.parts.length, 36);
      content.writeInt32LE(points.length, 40);
      let start = 0;
      shape.parts.forEach((part, p) => {
        content.writeInt32LE(start, 44 + 4 * p);
        start += part.length;
      });
      points.forEach(([x, y], p) => {
        content.writeDoubleLE(x, 44 + 4 * shape.parts.length + 16 * p);
        content.writeDoubleLE(y, 52 + 4 * shape.parts.length + 16 * p);
      });
    }
    const header = Buffer.alloc(8);
    header.writeInt32BE(i + 1, 0);
    header.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([header, content]);
  });
  const body = Buffer.concat(records);
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE((100 + body.length) / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  return Buffer.concat([header, body]);
}

/** A .dbf with character fields of 20 bytes, UTF-8 text. */
export function dbfOf(fields: string[], records: Array<Array<string | null>>): Buffer {
  const width = 20;
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + width * fields.length;
  const out = Buffer.alloc(headerLength + recordLength * records.length, 0x20);
  out.fill(0, 0, headerLength);
  out.writeUInt8(3, 0);
  out.writeUInt32LE(records.length, 4);
  out.writeUInt16LE(headerLength, 8);
  out.writeUInt16LE(recordLength, 10);
  fields.forEach((name, i) => {
    out.write(name, 32 + 32 * i, 'latin1');
    out.write('C', 32 + 32 * i + 11, 'latin1');
    out.writeUInt8(width, 32 + 32 * i + 16);
  });
  out.writeUInt8(0x0d, headerLength - 1);
  records.forEach((record, r) => {
    record.forEach((value, f) => {
      if (value !== null) out.write(value, headerLength + r * recordLength + 1 + f * width, 'utf8');
    });
  });
  return out;
}

/** A closed square ring, clockwise as shapefiles store outer rings. */
export function squareCw(x: number, y: number, size: number): Array<[number, number]> {
  return [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]];
}

/** The problems a parse reports; fails the test when it reports none. */
export function problemsOf(run: () => unknown): GeodataProblem[] {
  try {
    run();
  } catch (e) {
    if (e instanceof GeodataError) return e.problems;
    throw e;
  }
  throw new Error('expected a GeodataError');
}
