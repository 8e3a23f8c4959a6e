/**
 * Answers by data version and question. Every change raises the version in its own transaction, so an entry
 * is exact for its key and never needs invalidating; entries of old versions simply fall out (least recently
 * used first). Store an answer under the version read before (or in the same snapshot as) its data: then it
 * can only be newer than its key says, never older.
 */
export interface VersionedCache<T> {
  get(version: string | number, question: string): T | undefined;
  set(version: string | number, question: string, value: T): void;
  readonly enabled: boolean;
}

export function createVersionedCache<T>(maxEntries: number): VersionedCache<T> {
  const entries = new Map<string, T>();
  const keyOf = (version: string | number, question: string) => `${version}|${question}`;
  return {
    enabled: maxEntries > 0,
    get(version, question) {
      const key = keyOf(version, question);
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key); // most recently used goes last
        entries.set(key, value);
      }
      return value;
    },
    set(version, question, value) {
      if (maxEntries <= 0) return;
      entries.set(keyOf(version, question), value);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}
