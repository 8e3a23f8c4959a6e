import proj4 from 'proj4';
import { GeodataError, type Position } from './types';

/** Turns a source coordinate into WGS84 lon/lat. */
export type Projector = (xy: Position) => Position;

const WGS84 = 'EPSG:4326';
const utm = (zone: number) => `+proj=utm +zone=${zone} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
const gaussKrueger = (zone: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 +ellps=bessel ` +
  '+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';

// Local definitions instead of proj4.defs(): no global registry to mutate, and only CRSs German cities use.
const EPSG_DEFS: Record<number, string> = {
  4258: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  3857: 'EPSG:3857',
  3035:
    '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  25832: utm(32),
  25833: utm(33),
  32632: '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs',
  32633: '+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs',
  31466: gaussKrueger(2),
  31467: gaussKrueger(3),
  31468: gaussKrueger(4),
  31469: gaussKrueger(5),
};

export const SUPPORTED_EPSG_CODES: readonly number[] = [4326, ...Object.keys(EPSG_DEFS).map(Number)];

/** 'CRS84' for WGS84 lon/lat, an EPSG code, or null when the name is not understood. */
export function parseCrsName(name: string): 'CRS84' | number | null {
  const trimmed = name.trim();
  if (/(^|:)CRS:?84$/i.test(trimmed)) return 'CRS84';
  const match = /EPSG(?::[\d.]*)?:(\d+)$/i.exec(trimmed) ?? /EPSG\/[\d.]+\/(\d+)$/i.exec(trimmed);
  return match?.[1] ? Number(match[1]) : null;
}

/** null means the coordinates are already WGS84 lon/lat. */
export function projectorForEpsg(code: number): Projector | null {
  if (code === 4326) return null;
  const def = EPSG_DEFS[code];
  if (!def) {
    throw GeodataError.file(
      `unsupported CRS EPSG:${code}; supported: ${SUPPORTED_EPSG_CODES.map((c) => `EPSG:${c}`).join(', ')}`,
    );
  }
  return converter(def);
}

/** Projector from the WKT in a shapefile's .prj. */
export function projectorForPrj(wkt: string): Projector {
  try {
    return converter(wkt);
  } catch {
    // proj4 throws non-Error values for unknown definitions, so the reason is ours.
    throw GeodataError.file(`the .prj names an unknown coordinate reference system: ${wkt.slice(0, 80)}`);
  }
}

function converter(def: string): Projector {
  const c = proj4(def, WGS84);
  return (xy) => {
    const [lon, lat] = c.forward([xy[0], xy[1]]);
    return [lon, lat] as Position;
  };
}
