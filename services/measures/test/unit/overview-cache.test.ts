import { createOverviewCache } from '../../src/use-cases/overview-cache';

describe('the overview cache', () => {
  test('when an answer is stored, then only the same version, day and question find it', () => {
    const cache = createOverviewCache<string>(10);
    cache.set(7, '2026-11-24', 'q', 'answer');
    expect(cache.get(7, '2026-11-24', 'q')).toBe('answer');
    expect(cache.get(8, '2026-11-24', 'q')).toBeUndefined();
    expect(cache.get(7, '2026-11-25', 'q')).toBeUndefined();
    expect(cache.get(7, '2026-11-24', 'other')).toBeUndefined();
  });

  test('when it is full, then the least recently used answer goes first', () => {
    const cache = createOverviewCache<number>(2);
    cache.set(1, 'd', 'a', 1);
    cache.set(1, 'd', 'b', 2);
    cache.get(1, 'd', 'a');
    cache.set(1, 'd', 'c', 3);
    expect([cache.get(1, 'd', 'a'), cache.get(1, 'd', 'b'), cache.get(1, 'd', 'c')]).toEqual([1, undefined, 3]);
  });

  test('when it has no room, then it is off and keeps nothing', () => {
    const cache = createOverviewCache<number>(0);
    cache.set(1, 'd', 'a', 1);
    expect(cache.enabled).toBe(false);
    expect(cache.get(1, 'd', 'a')).toBeUndefined();
  });
});
