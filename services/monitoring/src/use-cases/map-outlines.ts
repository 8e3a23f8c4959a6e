import { type SerializedAnswer, serializedAnswer } from '@sozialraum/kit';
import type { Queryable } from '@sozialraum/kit/db';
import { listMapOutlines } from '../data/map.repository';
import type { SpaceType } from '../data/spaces.repository';
import { keptMapAnswer, type MapAnswers } from './map-answers';
import { today } from './spaces';

export interface OutlinesQuery {
  type?: SpaceType;
  at?: string;
  simplify: boolean;
}

/**
 * The outlines of the spaces valid at a date as a GeoJSON FeatureCollection with code, name and type: no
 * figures, so the same bytes serve every caller and a browser keeps them (the route says for how long). The
 * geometry text comes from PostGIS as is; the classes come separately (map-classes.ts), joined by code.
 */
export function mapOutlines(db: Queryable, answers: MapAnswers, query: OutlinesQuery): Promise<SerializedAnswer> {
  const at = query.at ?? today();
  return keptMapAnswer(answers, ['outlines', query.type ?? null, at, query.simplify], async () => {
    const spaces = await listMapOutlines(db, { type: query.type, at, simplify: query.simplify });
    const features = spaces.map(
      (space) => `{"type":"Feature","geometry":${space.geometry ?? 'null'},"properties":${JSON.stringify({ code: space.code, name: space.name, type: space.type })}}`,
    );
    return serializedAnswer(Buffer.from(`{"type":"FeatureCollection","features":[${features.join(',')}]}`), { type: 'application/geo+json', compressBest: true });
  });
}
