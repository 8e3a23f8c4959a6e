import { detectDecimalStyle, parseNumber, readCell } from '../../src/domain/imports';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('German statistical-office numbers', () => {
  test.each([
    ['1 675', 1675],
    [`1${NBSP}675`, 1675],
    [`1${NNBSP}675,5`, 1675.5],
    ['1.675', 1675],
    ['12 345 678', 12345678],
    ['-  23', -23],
    ['- 1 675', -1675],
    ['–  4,5', -4.5],
    ['−4,83', -4.83],
    ['+ 7', 7],
    ['0', 0],
    ['0,0', 0],
  ])('when a comma-style cell reads %p, then it is %p', (text, expected) => {
    expect(readCell(text, 'comma')).toEqual({ kind: 'number', value: expected, notes: [] });
  });

  test.each(['12 34', '1 67', '1,2,3', '12 %', 'k.A.', '1.23', '- -'])('when a cell reads %p, then it is not a number', (text) => {
    expect(readCell(text, 'comma').kind).toBe('invalid');
  });

  test('when a point-style cell groups thousands by spaces, then they are read too', () => {
    expect(parseNumber('1 675.25', 'point')).toBe(1675.25);
    expect(parseNumber('-  23.5', 'point')).toBe(-23.5);
  });

  test.each([
    ['.', 'secret'],
    ['…', 'later'],
    ['...', 'later'],
    ['/', 'uncertain'],
    ['x', 'not-applicable'],
    ['X', 'not-applicable'],
    ['()', 'limited-reliability'],
    [' . ', 'secret'],
  ])('when a cell is the symbol %p, then it holds no value for the reason %p — neither an error nor 0', (symbol, reason) => {
    expect(readCell(symbol, 'comma')).toEqual({ kind: 'missing', notes: [{ symbol: symbol.trim(), reason }] });
  });

  test.each(['-', '–', '—'])('when a cell is %p (nothing there), then it is exactly 0 with the reason kept', (symbol) => {
    expect(readCell(symbol, 'comma')).toEqual({ kind: 'number', value: 0, notes: [{ symbol, reason: 'nothing' }] });
  });

  test('when a number is in parentheses, then it is kept with limited reliability', () => {
    expect(readCell('(1 234)', 'comma')).toEqual({ kind: 'number', value: 1234, notes: [{ symbol: '()', reason: 'limited-reliability' }] });
  });

  test('when numbers or symbols carry footnote marks or p/r/s flags, then the mark becomes a note', () => {
    expect(readCell('1 675¹', 'comma')).toEqual({ kind: 'number', value: 1675, notes: [{ symbol: '¹', reason: 'footnote' }] });
    expect(readCell('12,5 p', 'comma')).toEqual({ kind: 'number', value: 12.5, notes: [{ symbol: 'p', reason: 'provisional' }] });
    expect(readCell('12,5r', 'comma')).toEqual({ kind: 'number', value: 12.5, notes: [{ symbol: 'r', reason: 'revised' }] });
    expect(readCell('345 1)', 'comma')).toEqual({ kind: 'number', value: 345, notes: [{ symbol: '1)', reason: 'footnote' }] });
    expect(readCell('.*', 'comma')).toEqual({ kind: 'missing', notes: [{ symbol: '.', reason: 'secret' }, { symbol: '*', reason: 'footnote' }] });
  });

  test('when a file groups thousands by dots without decimals, then several groups still make it German', () => {
    expect(detectDecimalStyle(['1.234.567', '12'])).toBe('comma');
    expect(detectDecimalStyle(['-  4,5'])).toBe('comma');
    expect(detectDecimalStyle(['1.234', '12'])).toBe('point');
  });

  test('when a cell is empty, then it is empty, not missing', () => {
    expect(readCell('  ', 'comma')).toEqual({ kind: 'empty' });
  });
});
