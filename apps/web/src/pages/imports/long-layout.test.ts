import { describe, expect, test } from 'vitest';
import type { ValuePreview } from './import-queries';
import { columnNamed, distinctValues, indicatorFor, indicatorMapOf, looksLong } from './long-layout';

const preview: ValuePreview = {
  format: 'csv',
  fileName: 'lang.csv',
  headerRow: 2,
  header: ['Gebiet', 'Merkmal', 'Jahr', 'Wert'],
  lines: [
    { line: 1, cells: ['Sozialmonitoring, alle Merkmale'] },
    { line: 2, cells: ['Gebiet', 'Merkmal', 'Jahr', 'Wert'] },
    { line: 3, cells: ['05 Friesischer Berg', 'Einwohner', '2024', '1 675'] },
    { line: 4, cells: ['05 Friesischer Berg', 'alq', '2024', '12,4'] },
    { line: 5, cells: ['06 Weiche', ' Einwohner ', '2024', '2 310'] },
  ],
  decimal: 'comma',
  columns: [],
  suggestion: null,
  spaceMatches: { byCode: 0, byName: 2, unmatched: [], ambiguous: [] },
};
const catalogue = [{ key: 'einwohner', name: 'Einwohner' }, { key: 'alq', name: 'Arbeitslosenquote' }];

describe('the long layout of the import wizard', () => {
  test('when a column is called Merkmal, then the file is taken as long and its columns are found by name', () => {
    expect(looksLong(preview)).toBe(true);
    expect(looksLong({ ...preview, header: ['Stadtteil', 'Einwohner 2024'] })).toBe(false);
    expect(columnNamed(preview.header, /^(jahr|zeitraum|stichtag)/i)).toBe('Jahr');
    expect(columnNamed(preview.header, /^nichts$/i)).toBe('Gebiet');
  });

  test('when the indicator column names indicators by name or key, then each different text is matched once to the catalogue', () => {
    expect(distinctValues(preview, 'Merkmal')).toEqual(['Einwohner', 'alq']);
    expect(distinctValues(preview, 'fehlt')).toEqual([]);
    expect(indicatorFor('Einwohner', catalogue)).toBe('einwohner');
    expect(indicatorFor(' ALQ', catalogue)).toBe('alq');
    expect(indicatorFor('Kinderarmut', catalogue)).toBe('');
  });

  test('when the texts are mapped, then only those that differ from their key go to the service', () => {
    expect(indicatorMapOf({ Einwohner: 'einwohner', alq: 'alq', Kinderarmut: '' })).toEqual({ Einwohner: 'einwohner' });
  });
});
