import { createVersionedCache, type Logger, type SerializedAnswer, type VersionedCache } from '@sozialraum/kit';
import { type ListenedVersion, listenedVersion, type Queryable } from '@sozialraum/kit/db';
import { dataAndResultsVersion } from '../data/data-version.repository';

/**
 * The map's answers — outlines and classes — kept as bytes (kit's serialized answers: ETag, brotli/gzip made
 * once) by data and results version and question (kind, audience, query, day). `version` keeps those versions
 * in memory while the notifications of migration map-version-notify are heard (kit listened-version.ts), else
 * reads them per request.
 */
export interface MapAnswers {
  cache: VersionedCache<SerializedAnswer>;
  version: ListenedVersion<string>;
  /** Answers being made, by version and question: requests that ask together (after a change) share one. */
  making: Map<string, Promise<SerializedAnswer>>;
}

export function createMapAnswers(pool: Queryable, maxEntries: number, notifications: { connectionString: string; logger: Logger }): MapAnswers {
  return {
    cache: createVersionedCache(maxEntries),
    making: new Map(),
    version: listenedVersion({ ...notifications, channel: 'monitoring_map_version', applicationName: 'monitoring map version', read: () => dataAndResultsVersion(pool) }),
  };
}

/**
 * The answer to `question` kept under the versions in force (found before anything else is looked up), else
 * made by `make` once for every request asking meanwhile, and kept.
 */
export async function keptMapAnswer({ cache, version: versions, making }: MapAnswers, question: unknown[], make: () => Promise<SerializedAnswer>): Promise<SerializedAnswer> {
  // Read before everything else: an answer can then only be newer than the versions it is kept under.
  const version = cache.enabled ? await versions.current() : undefined;
  if (version === undefined) return make();
  const asked = JSON.stringify(question);
  const cached = cache.get(version, asked);
  if (cached !== undefined) return cached;
  const key = `${version}\n${asked}`;
  const made = making.get(key);
  if (made) return made;
  const answer = make().then((bytes) => {
    cache.set(version, asked, bytes);
    return bytes;
  });
  making.set(key, answer);
  return answer.finally(() => making.delete(key));
}
