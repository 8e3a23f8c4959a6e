import { createVersionedCache } from '@sozialraum/kit';

/**
 * Computed overviews by data version, day and question (filter, scope, page): the figures depend on the day
 * too, so the day is part of the version an entry is kept under (see kit's versioned cache).
 */
export interface OverviewCache<T> {
  get(version: number, day: string, question: string): T | undefined;
  set(version: number, day: string, question: string, value: T): void;
  readonly enabled: boolean;
}

export function createOverviewCache<T>(maxEntries: number): OverviewCache<T> {
  const cache = createVersionedCache<T>(maxEntries);
  return {
    enabled: cache.enabled,
    get: (version, day, question) => cache.get(`${version}|${day}`, question),
    set: (version, day, question, value) => cache.set(`${version}|${day}`, question, value),
  };
}
