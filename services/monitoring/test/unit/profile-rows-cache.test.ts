import { createProfileRowsCache } from '../../src/use-cases/profile-rows-cache';

describe('profile rows cache', () => {
  test('when entries exceed the budget, then the least recently read space goes first and the size stays within it', () => {
    const cache = createProfileRowsCache(10);
    cache.set('1', 'raw', 'A', 'aaaa');
    cache.set('1', 'raw', 'B', 'bbbb');
    expect(cache.get('1', 'raw', 'A')).toBe('aaaa');
    cache.set('1', 'raw', 'C', 'cccc');
    expect(cache.get('1', 'raw', 'B')).toBeUndefined();
    expect(cache.get('1', 'raw', 'A')).toBe('aaaa');
    expect(cache.get('1', 'raw', 'C')).toBe('cccc');
    expect(cache.size).toBe(8);
  });

  test('when a version or audience differs, then nothing kept for another is given', () => {
    const cache = createProfileRowsCache(100);
    cache.set('1', 'raw', 'A', '[1]');
    expect(cache.get('2', 'raw', 'A')).toBeUndefined();
    expect(cache.get('1', 'disclosed', 'A')).toBeUndefined();
  });

  test('when one entry is larger than the budget, then it is not kept and nothing else is dropped for it', () => {
    const cache = createProfileRowsCache(5);
    cache.set('1', 'raw', 'A', 'aa');
    cache.set('1', 'raw', 'B', 'bbbbbbbb');
    expect(cache.get('1', 'raw', 'B')).toBeUndefined();
    expect(cache.get('1', 'raw', 'A')).toBe('aa');
  });
});
