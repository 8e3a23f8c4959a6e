/** What a GeoJSON file holds, read in the browser before it is uploaded: features, their properties, guesses. */
export interface SpaceFilePreview {
  features: number;
  geometryTypes: string[];
  properties: string[];
  /** The first features' properties, as text. */
  sample: Array<Record<string, string>>;
  guess: { code?: string; name?: string; population?: string };
}

const SAMPLE = 5;
const CODE = /^(code|schl(ue|ü)ssel|kennziffer|nr|nummer|id|key|.*_?(code|nr|id|schl))$/i;
const NAME = /^(name|bezeichnung|bez|gebiet|titel|.*_?name)$/i;
const POPULATION = /^(einwohner|ew|bev(oe|ö)lkerung|population|pop)(_?\d{4})?$/i;

const textOf = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** Reads a GeoJSON FeatureCollection (or one Feature); a file that is none gets a German error. */
export function previewGeoJson(text: string): SpaceFilePreview | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { error: 'Die Datei ist kein gültiges JSON. Eine GeoJSON-Datei beginnt mit { "type": "FeatureCollection" …' };
  }
  const root = parsed as { type?: unknown; features?: unknown };
  const features = root?.type === 'Feature' ? [root] : root?.type === 'FeatureCollection' && Array.isArray(root.features) ? root.features : undefined;
  if (!features) return { error: 'Die Datei enthält keine GeoJSON-FeatureCollection.' };
  if (features.length === 0) return { error: 'Die Datei enthält keine Flächen.' };
  const props = features.map((f) => ((f as { properties?: unknown }).properties ?? {}) as Record<string, unknown>);
  const properties = [...new Set(props.flatMap((p) => Object.keys(p)))];
  const geometryTypes = [...new Set(features.map((f) => textOf((f as { geometry?: { type?: unknown } }).geometry?.type) || 'ohne Geometrie'))];
  const unique = (key: string) => new Set(props.map((p) => textOf(p[key]))).size === props.length;
  return {
    features: features.length,
    geometryTypes,
    properties,
    sample: props.slice(0, SAMPLE).map((p) => Object.fromEntries(properties.map((k) => [k, textOf(p[k])]))),
    guess: {
      code: properties.find((k) => CODE.test(k) && unique(k)),
      name: properties.find((k) => NAME.test(k)),
      population: properties.find((k) => POPULATION.test(k)),
    },
  };
}
