/**
 * The profile snapshot's indicators of a space as sent (a JSON array), kept per process by data version,
 * audience and space, least recently used first out, within a budget of characters: at 100 indicators × 18
 * years one space's array is ~320 KB, read from PostgreSQL once per version instead of once per request.
 * Entries of a version are exact for it (a snapshot never changes once complete), so nothing is invalidated:
 * a request only asks for the version in force, and older entries fall out.
 */
export interface ProfileRowsCache {
  get(version: string, audience: string, code: string): string | undefined;
  set(version: string, audience: string, code: string, json: string): void;
  /** Characters held (≈ bytes: the JSON is mostly ASCII). */
  readonly size: number;
}

export function createProfileRowsCache(maxChars: number): ProfileRowsCache {
  const entries = new Map<string, string>();
  let size = 0;
  const keyOf = (version: string, audience: string, code: string) => `${version}|${audience}|${code}`;
  return {
    get(version, audience, code) {
      const key = keyOf(version, audience, code);
      const json = entries.get(key);
      if (json !== undefined) {
        entries.delete(key); // most recently used goes last
        entries.set(key, json);
      }
      return json;
    },
    set(version, audience, code, json) {
      if (json.length > maxChars) return;
      const key = keyOf(version, audience, code);
      const before = entries.get(key);
      if (before !== undefined) {
        size -= before.length;
        entries.delete(key);
      }
      entries.set(key, json);
      size += json.length;
      for (const [oldest, held] of entries) {
        if (size <= maxChars) break;
        entries.delete(oldest);
        size -= held.length;
      }
    },
    get size() {
      return size;
    },
  };
}
