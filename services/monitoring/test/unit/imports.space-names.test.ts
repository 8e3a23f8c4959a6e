import { normaliseSpaceName, spaceMatcher } from '../../src/domain/imports';

const spaces = [
  { code: '01', name: 'Altstadt', type: 'district' },
  { code: '0101', name: 'Altstadt', type: 'social-space' },
  { code: '02', name: 'Friesischer Berg', type: 'social-space' },
  { code: '03', name: 'Weiße Straße', type: 'social-space' },
  { code: '04', name: 'Nord-Ost', type: 'social-space' },
  { code: 'SR-A', name: 'Süd', type: 'social-space' },
];

describe('space names', () => {
  test.each([
    ['  friesischer   BERG ', 'friesischer berg'],
    ['Weisse Strasse', 'weisse strasse'],
    ['Weiße Straße', 'weisse strasse'],
    ['Nord – Ost', 'nord-ost'],
    ['Nord\u2011Ost', 'nord-ost'],
    ['Nord\u00a0-\u00a0Ost', 'nord-ost'],
    ['Friesischer Berg¹', 'friesischer berg'],
  ])('when a name reads %p, then it normalises to %p', (text, expected) => {
    expect(normaliseSpaceName(text)).toBe(expected);
  });

  test('when a cell gives a code, then the code matches first, also ignoring case', () => {
    const match = spaceMatcher(spaces);
    expect(match('02')).toEqual({ code: '02', by: 'code' });
    expect(match(' sr-a ')).toEqual({ code: 'SR-A', by: 'code' });
  });

  test('when a cell gives a name with other case, spacing, ß/ss or dashes, then the space is found by name', () => {
    const match = spaceMatcher(spaces);
    expect(match('FRIESISCHER BERG')).toEqual({ code: '02', by: 'name' });
    expect(match('Weisse Strasse')).toEqual({ code: '03', by: 'name' });
    expect(match('Nord — Ost')).toEqual({ code: '04', by: 'name' });
  });

  test('when a name exists at two levels, then it is ambiguous, and restricting the type resolves it', () => {
    expect(spaceMatcher(spaces)('Altstadt')).toEqual({ problem: 'ambiguous space name "Altstadt": 01 (district), 0101 (social-space); restrict the match to one space type', ambiguous: true });
    expect(spaceMatcher(spaces, 'social-space')('altstadt')).toEqual({ code: '0101', by: 'name' });
    expect(spaceMatcher(spaces, 'district')('Altstadt')).toEqual({ code: '01', by: 'name' });
  });

  test('when nothing matches, then the problem names the text (and the type it was restricted to)', () => {
    expect(spaceMatcher(spaces)('Mürwik')).toEqual({ problem: 'unknown space "Mürwik"' });
    expect(spaceMatcher(spaces, 'district')('Süd')).toEqual({ problem: 'unknown space "Süd" of type district' });
  });
});
