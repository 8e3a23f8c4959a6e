import { GeodataError, type Position } from './types';

/** One .shp record: null for a null shape; rings are filled only for polygon shape types. */
export type ShpShape = null | { shapeType: number; rings: Position[][] };

export const SHAPE_TYPE_NAMES: Record<number, string> = {
  1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint',
  11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ', 18: 'MultiPointZ',
  21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};
export const POLYGON_TYPES: ReadonlySet<number> = new Set([5, 15, 25]);

/** Shapes of an ESRI .shp file in record order; Z and M values are ignored. */
export function readShp(shp: Buffer): ShpShape[] {
  if (shp.length < 100 || shp.readInt32BE(0) !== 9994) throw GeodataError.file('the .shp file is not a shapefile');
  const end = Math.min(shp.length, shp.readInt32BE(24) * 2);
  const shapes: ShpShape[] = [];
  for (let offset = 100; offset + 8 <= end; ) {
    const contentLength = shp.readInt32BE(offset + 4) * 2;
    const content = shp.subarray(offset + 8, offset + 8 + contentLength);
    shapes.push(readShape(content));
    offset += 8 + contentLength;
  }
  return shapes;
}

function readShape(content: Buffer): ShpShape {
  const shapeType = content.readInt32LE(0);
  if (shapeType === 0) return null;
  if (!POLYGON_TYPES.has(shapeType)) return { shapeType, rings: [] };
  const numParts = content.readInt32LE(36);
  const numPoints = content.readInt32LE(40);
  const pointsStart = 44 + 4 * numParts;
  const partStart = (i: number) => (i < numParts ? content.readInt32LE(44 + 4 * i) : numPoints);
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
