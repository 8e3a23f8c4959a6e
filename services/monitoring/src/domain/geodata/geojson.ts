import { parseCrsName, projectorForEpsg, type Projector } from './crs';
import { buildUnits, type RawFeature } from './features';
import { GeodataError, type GeodataMapping, type SpatialUnit } from './types';

/**
 * Spatial units from a GeoJSON FeatureCollection (or single Feature).
 * A legacy `crs` member naming a supported EPSG code is reprojected to WGS84; without one, CRS84 is assumed.
 */
export function parseGeoJson(input: Buffer | string, mapping: GeodataMapping): SpatialUnit[] {
  const doc = parseJson(typeof input === 'string' ? input : input.toString('utf8'));
  const project = projectorFor(doc.crs);
  const features = featuresOf(doc);
  return buildUnits(features, mapping, {
    project,
    crsHint: doc.crs
      ? 'check the crs member'
      : 'the file has no crs member, so WGS84 lon/lat was assumed; add one or export as EPSG:4326',
  });
}

type Json = Record<string, unknown>;

function parseJson(text: string): Json {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw GeodataError.file(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(doc)) throw GeodataError.file('not a GeoJSON object');
  return doc;
}

function featuresOf(doc: Json): RawFeature[] {
  const list = doc.type === 'FeatureCollection' ? doc.features : doc.type === 'Feature' ? [doc] : undefined;
  if (!Array.isArray(list)) throw GeodataError.file('expected a GeoJSON FeatureCollection or Feature');
  return list.map((f: unknown) => ({
    properties: isObject(f) && isObject(f.properties) ? f.properties : {},
    geometry: isObject(f) ? f.geometry : undefined,
  }));
}

function projectorFor(crs: unknown): Projector | null {
  if (crs === undefined || crs === null) return null;
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== 'string') throw GeodataError.file('the crs member has no name; expected e.g. "EPSG:25833"');
  const parsed = parseCrsName(name);
  if (parsed === null) throw GeodataError.file(`unknown CRS "${name}"`);
  return parsed === 'CRS84' ? null : projectorForEpsg(parsed);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
