import { createVersionedCache, type Logger, problems, type SerializedAnswer, serializedAnswer, type VersionedCache } from '@sozialraum/kit';
import { type ListenedVersion, listenedVersion } from '@sozialraum/kit/db';
import { dataAndResultsVersion } from '../data/data-version.repository';
import { findMapIndicators, listMapClasses, listMapSpaces, listMapValues, type MapClasses, type MapIndicator, type MapValue } from '../data/map.repository';
import { type MethodVersionRecord, resolveMethod } from '../data/methods.repository';
import { newestRunId } from '../data/results.repository';
import type { Queryable } from '@sozialraum/kit/db';
import type { SpaceType } from '../data/spaces.repository';
import { peerValues } from '../data/analysis.repository';
import { type Audience, discloseSections } from './disclosure';
import { MISSING } from './indicator-views';
import { runView } from './methods-results';
import { today } from './spaces';

/**
 * Maps kept as bytes (kit's serialized answers: ETag, brotli/gzip made once) by data and results version and
 * question (audience, query, day): a detailed 542-area map is 4.5 MB, which would otherwise be encoded, hashed
 * and compressed again on every answer. `version` keeps those versions in memory while the notifications of
 * migration map-version-notify are heard (kit listened-version.ts), else reads them per request.
 */
export interface MapAnswers {
  cache: VersionedCache<SerializedAnswer>;
  version: ListenedVersion<string>;
  /** Maps being made, by version and question: requests that ask together (after a change) share one. */
  making: Map<string, Promise<SerializedAnswer>>;
}

export function createMapAnswers(pool: Queryable, maxEntries: number, notifications: { connectionString: string; logger: Logger }): MapAnswers {
  return {
    cache: createVersionedCache(maxEntries),
    making: new Map(),
    version: listenedVersion({ ...notifications, channel: 'monitoring_map_version', applicationName: 'monitoring map version', read: () => dataAndResultsVersion(pool) }),
  };
}

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
 * which keeps the 542-area map cheap to serve. Values pass the confidentiality protector. A map kept from an
 * earlier request is found by the versions in memory (or one statement reading them), before indicators,
 * method and run are looked up.
 */
export async function buildMap(db: Queryable, { cache, version: versions, making }: MapAnswers, query: MapQuery, audience: Audience): Promise<SerializedAnswer> {
  // Read before everything else: an answer can then only be newer than the versions it is kept under.
  const version = cache.enabled ? await versions.current() : undefined;
  const at = query.at ?? today();
  const question = JSON.stringify([audience, query, at]);
  if (version === undefined) return makeMap(db, query, at, audience);
  const cached = cache.get(version, question);
  if (cached !== undefined) return cached;
  const key = `${version}\n${question}`;
  const made = making.get(key);
  if (made) return made;
  const answer = makeMap(db, query, at, audience).then((map) => {
    cache.set(version, question, map);
    return map;
  });
  making.set(key, answer);
  return answer.finally(() => making.delete(key));
}

async function makeMap(db: Queryable, query: MapQuery, at: string, audience: Audience): Promise<SerializedAnswer> {
  const keys = [...new Set((query.indicators ?? '').split(',').map((k) => k.trim()).filter(Boolean))];
  const indicators = await findMapIndicators(db, keys, query.period);
  const unknown = keys.filter((k) => !indicators.some((i) => i.key === k));
  if (unknown.length > 0) throw problems.unprocessable(`Unknown indicator(s): ${unknown.join(', ')}. See GET /v1/indicators for the keys.`);
  const method = await resolveMethod(db, query.method);
  if (query.method && !method) throw problems.unprocessable(`There is no method ${query.method}; give it as key@version (see GET /v1/methods).`);
  const run = method ? await newestRunId(db, method.id, await runView(db, audience), query.period) : undefined;
  return serializedAnswer(Buffer.from(await serialiseMap(db, audience, { ...query, at }, indicators, method, run)), { type: 'application/geo+json', compressBest: true });
}

async function serialiseMap(
  db: Queryable,
  audience: Audience,
  query: MapQuery & { at: string },
  indicators: MapIndicator[],
  method: MethodVersionRecord | undefined,
  run: { id: number; period: string } | undefined,
): Promise<string> {

  const spaces = await listMapSpaces(db, { type: query.type, at: query.at, simplify: query.simplify });
  const ids = spaces.map((s) => s.id);
  const values = byKey(await listMapValues(db, ids, indicators), (v) => `${v.spaceId}/${v.indicatorKey}`);
  // Only a disclosed caller needs the whole cross-sections of the shown periods (secondary suppression).
  const shown = indicators.filter((i) => i.period !== null);
  const sections = audience === 'raw' || shown.length === 0 ? [] : await peerValues(db, shown.map((i) => i.key), [...new Set(shown.map((i) => i.period as string))]);
  const disclosure = await discloseSections(db, audience, sections);
  const classes = byKey(run ? await listMapClasses(db, run.id) : [], (c) => String(c.spaceId));

  const features = spaces.map((space) => {
    const properties: Record<string, unknown> = { code: space.code, name: space.name, type: space.type, population: space.population };
    for (const indicator of indicators) {
      const value: MapValue | undefined = values.get(`${space.id}/${indicator.key}`);
      properties[indicator.key] = value
        ? disclosure.protectStored({
            spaceId: value.spaceId,
            spaceCode: space.code,
            indicatorKey: value.indicatorKey,
            period: indicator.period as string,
            value: value.value,
            numerator: value.numerator,
            denominator: value.denominator,
            population: space.population,
          })
        : MISSING;
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
    classPeriod: run?.period ?? null,
  };
  return `{"type":"FeatureCollection",${JSON.stringify(meta).slice(1, -1)},"features":[${features.join(',')}]}`;
}

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}
