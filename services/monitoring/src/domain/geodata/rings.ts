import { signedArea } from './geometry';
import { type Position } from './types';

/**
 * Groups shapefile rings into polygons. Shapefiles store outer rings clockwise and holes counter-clockwise;
 * each hole goes to the smallest outer ring containing it. Orientation is left as found (see rewind).
 */
export function ringsToPolygons(rings: Position[][]): Position[][][] {
  const outers: Array<{ ring: Position[]; area: number; holes: Position[][] }> = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    const area = signedArea(ring);
    if (area < 0) outers.push({ ring, area: -area, holes: [] });
    else holes.push(ring);
  }
  for (const hole of holes) {
    const probe = hole[0];
    const owner = probe
      ? outers.filter((o) => contains(o.ring, probe)).sort((a, b) => a.area - b.area)[0]
      : undefined;
    // A hole inside no outer ring is really a wrongly wound outer ring.
    if (owner) owner.holes.push(hole);
    else outers.push({ ring: hole, area: signedArea(hole), holes: [] });
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

/** Ray casting point-in-polygon. */
function contains(ring: Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
