import { GeodataError, type Position } from './types';

/** One .shp record: null for a null shape; rings are filled only for polygon shape types. */
export type ShpShape = null | { shapeType: number; rings: Position[][] };

export const SHAPE_TYPE_NAMES: Record<number, string> = {
  1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint',
  11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ', 18: 'MultiPointZ',
  21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};
export const POLYGON_TYPES: ReadonlySet<number> = new Set([5, 15, 25]);

/**
 * Shapes of an ESRI .shp file in record order; Z and M values are ignored. Every length the file states (its
 * own, each record's, each polygon's parts and points) is checked against the bytes it holds, so a file that
 * promises more than it has is refused with the record, never read past its end.
 */
export function readShp(shp: Buffer): ShpShape[] {
  if (shp.length < 100 || shp.readInt32BE(0) !== 9994) throw GeodataError.file('the .shp file is not a shapefile');
  const end = shp.readInt32BE(24) * 2;
  if (end < 100 || end > shp.length) throw GeodataError.file(`the .shp header promises ${end} bytes, but the file holds ${shp.length}`);
  const shapes: ShpShape[] = [];
  for (let offset = 100; offset + 8 <= end; ) {
    const contentLength = shp.readInt32BE(offset + 4) * 2;
    if (contentLength < 4 || offset + 8 + contentLength > end) {
      throw GeodataError.file(`.shp record ${shapes.length + 1} promises ${contentLength} bytes, more than the file holds after it`);
    }
    shapes.push(readShape(shp.subarray(offset + 8, offset + 8 + contentLength), shapes.length + 1));
    offset += 8 + contentLength;
  }
  return shapes;
}

function readShape(content: Buffer, record: number): ShpShape {
  const shapeType = content.readInt32LE(0);
  if (shapeType === 0) return null;
  if (!POLYGON_TYPES.has(shapeType)) return { shapeType, rings: [] };
  const broken = (what: string) => GeodataError.file(`.shp record ${record} ${what}`);
  if (content.length < 44) throw broken('is too short for a polygon');
  const numParts = content.readInt32LE(36);
  const numPoints = content.readInt32LE(40);
  const pointsStart = 44 + 4 * numParts;
  if (numParts < 0 || numPoints < 0 || pointsStart + 16 * numPoints > content.length) {
    throw broken(`promises ${numParts} parts and ${numPoints} points, more than its ${content.length} bytes hold`);
  }
  const partStart = (i: number) => (i < numParts ? content.readInt32LE(44 + 4 * i) : numPoints);
  for (let part = 0; part < numParts; part++) {
    if (partStart(part) < 0 || partStart(part) > partStart(part + 1)) throw broken(`has a part that starts outside its points`);
  }
  const rings: Position[][] = [];
  for (let part = 0; part < numParts; part++) {
    const ring: Position[] = [];
    for (let p = partStart(part); p < partStart(part + 1); p++) {
      const at = pointsStart + 16 * p;
      ring.push([content.readDoubleLE(at), content.readDoubleLE(at + 8)]);
    }
    rings.push(ring);
  }
  return { shapeType, rings };
}
