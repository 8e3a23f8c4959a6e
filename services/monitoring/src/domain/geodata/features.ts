import { type Projector } from './crs';
import { findImplausiblePosition, reproject, rewind, toMultiPolygon } from './geometry';
import { GeodataError, type GeodataMapping, type GeodataProblem, type SpatialUnit } from './types';

export interface RawFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

export interface BuildOptions {
  /** Absent when the source is already WGS84 lon/lat. */
  project?: Projector | null;
  /** Said in the error when coordinates are not lon/lat, e.g. "the file has no crs member". */
  crsHint: string;
}

/** Checks every feature, collecting all problems before failing, and returns the units in file order. */
export function buildUnits(features: RawFeature[], mapping: GeodataMapping, options: BuildOptions): SpatialUnit[] {
  const mappingProblems = checkMapping(features, mapping);
  if (mappingProblems.length > 0) throw new GeodataError(mappingProblems);

  const problems: GeodataProblem[] = [];
  const units: SpatialUnit[] = [];
  const firstIndexByCode = new Map<string, number>();
  features.forEach((feature, featureIndex) => {
    const fail = (reason: string) => problems.push({ featureIndex, reason });
    const code = textOf(feature.properties[mapping.codeProperty]);
    const name = textOf(feature.properties[mapping.nameProperty]);
    const checked = toMultiPolygon(feature.geometry);
    if (code === undefined) fail(`missing code property "${mapping.codeProperty}"`);
    if (name === undefined) fail(`missing name property "${mapping.nameProperty}"`);
    if ('problem' in checked) fail(checked.problem);
    if (code !== undefined) {
      const first = firstIndexByCode.get(code);
      if (first !== undefined) fail(`duplicate code "${code}" (same as feature ${first})`);
      else firstIndexByCode.set(code, featureIndex);
    }
    if (code === undefined || name === undefined || 'problem' in checked) return;
    const geometry = rewind(options.project ? reproject(checked.geometry, options.project) : checked.geometry);
    units.push({ code, name, properties: feature.properties, geometry });
  });
  if (problems.length > 0) throw new GeodataError(problems);
  checkLonLat(units, options.crsHint);
  return units;
}

function checkMapping(features: RawFeature[], mapping: GeodataMapping): GeodataProblem[] {
  if (features.length === 0) return [{ featureIndex: null, reason: 'the file contains no features' }];
  const available = new Set(features.flatMap((f) => Object.keys(f.properties)));
  return [mapping.codeProperty, mapping.nameProperty]
    .filter((property) => !available.has(property))
    .map((property) => ({
      featureIndex: null,
      reason: `property "${property}" not found in any feature (available: ${[...available].join(', ')})`,
    }));
}

/** Codes stay strings so leading zeros survive; numbers are accepted as they are written. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

// One file-level problem: a wrong CRS affects every feature, so listing each would only bury the cause.
function checkLonLat(units: SpatialUnit[], crsHint: string): void {
  for (const [index, unit] of units.entries()) {
    const bad = findImplausiblePosition(unit.geometry);
    if (bad) {
      throw GeodataError.file(
        `coordinates are not WGS84 longitude/latitude (e.g. [${bad.join(', ')}] in feature ${index}); ${crsHint}`,
      );
    }
  }
}
