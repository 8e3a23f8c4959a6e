import { type Projector } from './crs';
import { type MultiPolygon, type Position } from './types';

export type GeometryCheck = { geometry: MultiPolygon } | { problem: string };

/** Validates a GeoJSON geometry and turns Polygons into MultiPolygons; drops any Z value. */
export function toMultiPolygon(geometry: unknown): GeometryCheck {
  if (geometry === null || geometry === undefined) return { problem: 'missing geometry' };
  if (typeof geometry !== 'object' || !('type' in geometry)) return { problem: 'invalid geometry: no type' };
  const { type } = geometry;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return { problem: `non-polygon geometry (${String(type)})` };
  }
  const coordinates = 'coordinates' in geometry ? geometry.coordinates : undefined;
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return { problem: 'invalid geometry: no polygons' };
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { problem: 'invalid geometry: polygon without rings' };
    const rings: Position[][] = [];
    for (const ring of polygon) {
      const checked = toRing(ring);
      if (typeof checked === 'string') return { problem: `invalid geometry: ${checked}` };
      rings.push(checked);
    }
    out.push(rings);
  }
  return { geometry: { type: 'MultiPolygon', coordinates: out } };
}

function toRing(ring: unknown): Position[] | string {
  if (!Array.isArray(ring)) return 'ring is not an array';
  const positions: Position[] = [];
  for (const p of ring) {
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return 'position is not a pair of finite numbers';
    }
    positions.push([p[0] as number, p[1] as number]);
  }
  if (positions.length < 4) return `ring has ${positions.length} positions, needs at least 4`;
  const first = positions[0] as Position;
  const last = positions[positions.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'ring is not closed';
  return positions;
}

export function reproject(geometry: MultiPolygon, project: Projector): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(project))),
  };
}

/** First position that cannot be WGS84 lon/lat, e.g. metres from a projected CRS. */
export function findImplausiblePosition(geometry: MultiPolygon): Position | undefined {
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      const bad = ring.find(([lon, lat]) => !(Math.abs(lon) <= 180 && Math.abs(lat) <= 90));
      if (bad) return bad;
    }
  }
  return undefined;
}

/** RFC 7946 right-hand rule: outer rings counter-clockwise, holes clockwise (sources differ; storage should not). */
export function rewind(geometry: MultiPolygon): MultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((polygon) =>
      polygon.map((ring, i) => ((signedArea(ring) > 0) === (i === 0) ? ring : [...ring].reverse())),
    ),
  };
}

/** Shoelace area: positive for counter-clockwise rings. */
export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}
