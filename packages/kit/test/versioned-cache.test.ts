import { createVersionedCache } from '../src/versioned-cache';

describe('versioned cache', () => {
  test('when entries exceed their number, then the least recently read goes first', () => {
    const cache = createVersionedCache<string>(2);
    cache.set(1, 'a', 'A');
    cache.set(1, 'b', 'B');
    expect(cache.get(1, 'a')).toBe('A');
    cache.set(1, 'c', 'C');
    expect(cache.get(1, 'b')).toBeUndefined();
    expect([cache.get(1, 'a'), cache.get(1, 'c'), cache.size]).toEqual(['A', 'C', 2]);
  });

  test('when no entry may be kept, then the cache is off and keeps nothing', () => {
    const cache = createVersionedCache<string>(0);
    cache.set(1, 'a', 'A');
    expect([cache.enabled, cache.get(1, 'a'), cache.size]).toEqual([false, undefined, 0]);
  });

  test('when sizes exceed a size budget, then the least recently read goes first and the size stays within it', () => {
    const cache = createVersionedCache<string>({ maxSize: 10, sizeOf: (s) => s.length });
    cache.set('1', 'raw|A', 'aaaa');
    cache.set('1', 'raw|B', 'bbbb');
    expect(cache.get('1', 'raw|A')).toBe('aaaa');
    cache.set('1', 'raw|C', 'cccc');
    expect(cache.get('1', 'raw|B')).toBeUndefined();
    expect([cache.get('1', 'raw|A'), cache.get('1', 'raw|C'), cache.size]).toEqual(['aaaa', 'cccc', 8]);
    cache.set('1', 'raw|C', 'cc');
    expect(cache.size).toBe(6);
  });

  test('when a version or question differs, then nothing kept for another is given', () => {
    const cache = createVersionedCache<string>({ maxSize: 100, sizeOf: (s) => s.length });
    cache.set('1', 'raw|A', '[1]');
    expect([cache.get('2', 'raw|A'), cache.get('1', 'disclosed|A')]).toEqual([undefined, undefined]);
  });

  test('when one entry is larger than the budget, then it is not kept and nothing else is dropped for it', () => {
    const cache = createVersionedCache<string>({ maxSize: 5, sizeOf: (s) => s.length });
    cache.set('1', 'raw|A', 'aa');
    cache.set('1', 'raw|B', 'bbbbbbbb');
    expect([cache.get('1', 'raw|B'), cache.get('1', 'raw|A')]).toEqual([undefined, 'aa']);
  });
});
