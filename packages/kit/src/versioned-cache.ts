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
  /** What the entries hold together: their number, or with a size budget the sum of their sizes. */
  readonly size: number;
}

/** A budget by size instead of by number of entries, e.g. bytes of kept answers. */
export interface SizeBudget<T> {
  maxSize: number;
  sizeOf(value: T): number;
}

/** Keeps at most `budget` entries, or entries up to a size budget (an entry larger than all of it is not kept). */
export function createVersionedCache<T>(budget: number | SizeBudget<T>): VersionedCache<T> {
  const { maxSize, sizeOf } = typeof budget === 'number' ? { maxSize: budget, sizeOf: () => 1 } : budget;
  const entries = new Map<string, { value: T; size: number }>();
  let size = 0;
  const keyOf = (version: string | number, question: string) => `${version}|${question}`;
  const drop = (key: string) => {
    size -= entries.get(key)?.size ?? 0;
    entries.delete(key);
  };
  return {
    enabled: maxSize > 0,
    get(version, question) {
      const key = keyOf(version, question);
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key); // most recently used goes last
      entries.set(key, entry);
      return entry.value;
    },
    set(version, question, value) {
      const entrySize = sizeOf(value);
      if (entrySize > maxSize) return;
      const key = keyOf(version, question);
      drop(key);
      entries.set(key, { value, size: entrySize });
      size += entrySize;
      while (size > maxSize) drop(entries.keys().next().value as string);
    },
    get size() {
      return size;
    },
  };
}
