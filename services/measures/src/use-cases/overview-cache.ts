/**
 * Computed overviews by data version, day and question (filter, scope, page). Every change raises the data
 * version in its own transaction and the figures depend on the day only, so an entry is exact for its key and
 * never needs invalidating; entries of old versions simply fall out (least recently used first).
 */
export interface OverviewCache<T> {
  get(version: number, day: string, question: string): T | undefined;
  set(version: number, day: string, question: string, value: T): void;
  readonly enabled: boolean;
}

export function createOverviewCache<T>(maxEntries: number): OverviewCache<T> {
  const entries = new Map<string, T>();
  const keyOf = (version: number, day: string, question: string) => `${version}|${day}|${question}`;
  return {
    enabled: maxEntries > 0,
    get(version, day, question) {
      const key = keyOf(version, day, question);
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key); // most recently used goes last
        entries.set(key, value);
      }
      return value;
    },
    set(version, day, question, value) {
      if (maxEntries <= 0) return;
      entries.set(keyOf(version, day, question), value);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
