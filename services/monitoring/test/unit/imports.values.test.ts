import { detectDecimalStyle, normalisePeriod, parseNumber, readCell } from '../../src/domain/imports';

describe('normalisePeriod', () => {
  test.each([
    ['2022', '2022'],
    [2022, '2022'],
    [' 2022 ', '2022'],
    ['31.12.2020', '2020-12-31'],
    ['1.7.2021', '2021-07-01'],
    ['2020-12-31', '2020-12-31'],
    [new Date(Date.UTC(2020, 11, 31)), '2020-12-31'],
  ])('when given %p, then it is %p', (raw, expected) => {
    expect(normalisePeriod(raw)).toBe(expected);
  });

  test.each(['31.02.2020', '2020-13-01', '22', '2022/23', 'abc', '', 44561])('when given %p, then it is not a period', (raw) => {
    expect(normalisePeriod(raw)).toBeNull();
  });
});

describe('numbers', () => {
  test('when any cell has a decimal comma, then the file style is comma', () => {
    expect(detectDecimalStyle(['1.234', '12', '-4,83'])).toBe('comma');
    expect(detectDecimalStyle(['1.234', '12', 'abc'])).toBe('point');
  });

  test('when parsing in comma style, then dots must group thousands', () => {
    expect(parseNumber('1.234.567,89', 'comma')).toBe(1234567.89);
    expect(parseNumber('−4,83', 'comma')).toBe(-4.83);
    expect(parseNumber('1.23', 'comma')).toBeNull();
    expect(parseNumber('12 %', 'comma')).toBeNull();
  });

  test('when parsing in point style, then plain and exponent notation work', () => {
    expect(parseNumber('1234.5', 'point')).toBe(1234.5);
    expect(parseNumber('1e3', 'point')).toBe(1000);
    expect(parseNumber('1,5', 'point')).toBeNull();
  });

  test('when a cell is a statistical symbol, then "–" is 0, "." no value, other text not a symbol', () => {
    expect(readCell('–', 'comma')).toEqual({ kind: 'number', value: 0, notes: [{ symbol: '–', reason: 'nothing' }] });
    expect(readCell('.', 'comma')).toEqual({ kind: 'missing', notes: [{ symbol: '.', reason: 'secret' }] });
    expect(readCell('abc', 'comma')).toEqual({ kind: 'invalid' });
  });
});
