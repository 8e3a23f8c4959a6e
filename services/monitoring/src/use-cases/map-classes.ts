import { problems, type SerializedAnswer, serializedAnswer } from '@sozialraum/kit';
import type { Queryable } from '@sozialraum/kit/db';
import type { ProtectedValue } from '../domain/confidentiality';
import { peerValues } from '../data/analysis.repository';
import { findMapIndicators, listMapClasses, listMapSpaces, listMapValues } from '../data/map.repository';
import { resolveMethod } from '../data/methods.repository';
import { newestRunId } from '../data/results.repository';
import type { SpaceType } from '../data/spaces.repository';
import { type Audience, discloseSections } from './disclosure';
import { MISSING } from './indicator-views';
import { keptMapAnswer, type MapAnswers } from './map-answers';
import { runView } from './methods-results';
import { today } from './spaces';

export interface ClassesQuery {
  type?: SpaceType;
  at?: string;
  /** Comma-separated indicator keys. */
  indicators?: string;
  period?: string;
  /** `key@version`; without it the newest active method gives the classes. */
  method?: string;
}

interface SpaceClasses {
  statusClass: number | null;
  dynamicsClass: number | null;
  combinedGroup: number | null;
  values: Record<string, ProtectedValue>;
}

/**
 * The classes and the chosen indicators' values of each space, keyed by space code, for the outlines
 * (map-outlines.ts) a client already holds. Values pass the confidentiality protector; classes come from the
 * run the caller's audience may see.
 */
export function mapClasses(db: Queryable, answers: MapAnswers, query: ClassesQuery, audience: Audience): Promise<SerializedAnswer> {
  const at = query.at ?? today();
  return keptMapAnswer(answers, ['classes', audience, query, at], async () =>
    serializedAnswer(Buffer.from(JSON.stringify(await classesOf(db, { ...query, at }, audience))), { type: 'application/json; charset=utf-8', compressBest: true }),
  );
}

async function classesOf(db: Queryable, query: ClassesQuery & { at: string }, audience: Audience) {
  const keys = [...new Set((query.indicators ?? '').split(',').map((k) => k.trim()).filter(Boolean))];
  const indicators = await findMapIndicators(db, keys, query.period);
  const unknown = keys.filter((k) => !indicators.some((i) => i.key === k));
  if (unknown.length > 0) throw problems.unprocessable(`Unknown indicator(s): ${unknown.join(', ')}. See GET /v1/indicators for the keys.`);
  const method = await resolveMethod(db, query.method);
  if (query.method && !method) throw problems.unprocessable(`There is no method ${query.method}; give it as key@version (see GET /v1/methods).`);
  const run = method ? await newestRunId(db, method.id, await runView(db, audience), query.period) : undefined;

  const spaces = await listMapSpaces(db, { type: query.type, at: query.at });
  const values = new Map((await listMapValues(db, spaces.map((s) => s.id), indicators)).map((v) => [`${v.spaceId}/${v.indicatorKey}`, v]));
  // Only a disclosed caller needs the whole cross-sections of the shown periods (secondary suppression).
  const shown = indicators.filter((i) => i.period !== null);
  const sections = audience === 'raw' || shown.length === 0 ? [] : await peerValues(db, shown.map((i) => i.key), [...new Set(shown.map((i) => i.period as string))]);
  const disclosure = await discloseSections(db, audience, sections);
  const classes = new Map((run ? await listMapClasses(db, run.id) : []).map((c) => [c.spaceId, c]));

  const bySpace: Record<string, SpaceClasses> = {};
  for (const space of spaces) {
    const c = classes.get(space.id);
    const entry: SpaceClasses = { statusClass: c?.statusClass ?? null, dynamicsClass: c?.dynamicsClass ?? null, combinedGroup: c?.combinedGroup ?? null, values: {} };
    for (const indicator of indicators) {
      const value = values.get(`${space.id}/${indicator.key}`);
      entry.values[indicator.key] = value
        ? disclosure.protectStored({ ...value, spaceCode: space.code, period: indicator.period as string, population: space.population })
        : MISSING;
    }
    bySpace[space.code] = entry;
  }
  // Which periods and method the figures come from, for the map's legend.
  return {
    periods: Object.fromEntries(indicators.map((i) => [i.key, i.period])),
    method: method ? `${method.key}@${method.version}` : null,
    classPeriod: run?.period ?? null,
    spaces: bySpace,
  };
}
