import { readFileSync } from 'node:fs';
import { dataPath } from './data';
import { importAndWait as importValuesOrSpaces } from './helpers/monitoring';

export const FLENSBURG_GEOJSON = dataPath('flensburg/stadtteile.geojson');
export const FLENSBURG_SHP_ZIP = dataPath('flensburg/stadtteile_shp.zip');
export const BERLIN_SHP_ZIP = dataPath('berlin-mss-2021/planungsraeume_2021_shp.zip');

export const base64Of = (path: string) => readFileSync(path).toString('base64');

/** Posts a spaces import and waits until it has finished; returns the finished import. */
export const importAndWait = (url: string, token: string, body: Record<string, unknown>, timeoutMs = 60_000) =>
  importValuesOrSpaces(url, token, body, { kind: 'spaces', timeoutMs });

type Feature = { geometry: { coordinates: number[][][][] } | null; properties: Record<string, unknown> };

/** [minLon, minLat, maxLon, maxLat] over the features' coordinates. */
export function boundsOf(features: Feature[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    for (const [lon, lat] of (f.geometry?.coordinates ?? []).flat(2) as unknown as [number, number][]) {
      b[0] = Math.min(b[0], lon);
      b[1] = Math.min(b[1], lat);
      b[2] = Math.max(b[2], lon);
      b[3] = Math.max(b[3], lat);
    }
  }
  return b;
}
