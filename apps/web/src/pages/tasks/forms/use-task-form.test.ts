import { describe, expect, test } from 'vitest';
import { germanNumber } from './use-task-form';

describe('germanNumber', () => {
  test.each([
    ['25.000', 25_000],
    ['1.250.000', 1_250_000],
    ['20.000,50', 20_000.5],
    ['12,5', 12.5],
    ['1 200', 1_200],
    ['1\u202f200', 1_200],
    ['7', 7],
    ['3.5', 3.5],
  ])('when a person types %s, then the number is %d', (typed, expected) => {
    expect(germanNumber(typed)).toBe(expected);
  });

  test('when the field is empty, then there is no number; when it is not a number, then NaN (the form says so)', () => {
    expect(germanNumber('')).toBeUndefined();
    expect(germanNumber('  ')).toBeUndefined();
    expect(germanNumber('zwanzig')).toBeNaN();
  });
});
