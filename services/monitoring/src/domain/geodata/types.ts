/** A lon/lat position in WGS84 (GeoJSON order). */
export type Position = [number, number];

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** One spatial unit (e.g. a Planungsraum) ready to be stored. */
export interface SpatialUnit {
  code: string;
  name: string;
  properties: Record<string, unknown>;
  geometry: MultiPolygon;
}

/** Which feature properties hold the unit's code and name. */
export interface GeodataMapping {
  codeProperty: string;
  nameProperty: string;
}

/** featureIndex is 0-based; null for problems with the whole file (format, CRS, mapping). */
export interface GeodataProblem {
  featureIndex: number | null;
  reason: string;
}

export class GeodataError extends Error {
  constructor(readonly problems: GeodataProblem[]) {
    super(summarise(problems));
    this.name = 'GeodataError';
  }

  static file(reason: string): GeodataError {
    return new GeodataError([{ featureIndex: null, reason }]);
  }
}

function summarise(problems: GeodataProblem[]): string {
  const shown = problems
    .slice(0, 5)
    .map((p) => (p.featureIndex === null ? p.reason : `feature ${p.featureIndex}: ${p.reason}`));
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return `${problems.length} geodata problem(s): ${shown.join('; ')}${more}`;
}
