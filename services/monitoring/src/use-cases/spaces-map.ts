import { problems } from '@sozialraum/kit';
import { findMapIndicators, listMapClasses, listMapSpaces, listMapValues, type MapClasses, type MapValue } from '../data/map.repository';
import { resolveMethod } from '../data/methods.repository';
import type { Queryable } from '../data/settings.repository';
import type { SpaceType } from '../data/spaces.repository';
import type { ValueProtector } from './confidentiality';
import { today } from './spaces';

export interface MapQuery {
  type?: SpaceType;
  at?: string;
  /** Comma-separated indicator keys. */
  indicators?: string;
  period?: string;
  /** `key@version`; without it the newest active method gives the classes. */
  method?: string;
  simplify: boolean;
}

/**
 * The spaces as a GeoJSON FeatureCollection, serialised here: the geometry text comes from PostGIS as is,
 * which keeps the 542-area map cheap to serve. Values pass the confidentiality protector.
 */
export async function buildMap(db: Queryable, query: MapQuery, protect: ValueProtector): Promise<string> {
  const keys = [...new Set((query.indicators ?? '').split(',').map((k) => k.trim()).filter(Boolean))];
  const indicators = await findMapIndicators(db, keys, query.period);
  const unknown = keys.filter((k) => !indicators.some((i) => i.key === k));
  if (unknown.length > 0) throw problems.unprocessable(`Unknown indicator(s): ${unknown.join(', ')}. See GET /v1/indicators for the keys.`);
  const method = await resolveMethod(db, query.method);
  if (query.method && !method) throw problems.unprocessable(`There is no method ${query.method}; give it as key@version (see GET /v1/methods).`);

  const spaces = await listMapSpaces(db, { type: query.type, at: query.at ?? today(), simplify: query.simplify });
  const ids = spaces.map((s) => s.id);
  const values = byKey(await listMapValues(db, ids, indicators), (v) => `${v.spaceId}/${v.indicatorKey}`);
  const run = method ? await listMapClasses(db, method.id, query.period) : { period: null, classes: [] };
  const classes = byKey(run.classes, (c) => String(c.spaceId));

  const features = spaces.map((space) => {
    const properties: Record<string, unknown> = { code: space.code, name: space.name, type: space.type, population: space.population };
    for (const indicator of indicators) {
      const value: MapValue | undefined = values.get(`${space.id}/${indicator.key}`);
      properties[indicator.key] = protect({
        kind: indicator.kind,
        value: value?.value ?? null,
        // Parts only when stored: a map carries many values, and empty parts are noise.
        numerator: value?.numerator ?? undefined,
        denominator: value?.denominator ?? undefined,
        spacePopulation: space.population,
      });
    }
    const c: MapClasses | undefined = classes.get(String(space.id));
    properties.statusClass = c?.statusClass ?? null;
    properties.dynamicsClass = c?.dynamicsClass ?? null;
    properties.combinedGroup = c?.combinedGroup ?? null;
    return `{"type":"Feature","geometry":${space.geometry ?? 'null'},"properties":${JSON.stringify(properties)}}`;
  });
  // Foreign members say which periods and method the properties come from, for the map's legend.
  const meta = {
    periods: Object.fromEntries(indicators.map((i) => [i.key, i.period])),
    method: method ? `${method.key}@${method.version}` : null,
    classPeriod: run.period,
  };
  return `{"type":"FeatureCollection",${JSON.stringify(meta).slice(1, -1)},"features":[${features.join(',')}]}`;
}

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}
