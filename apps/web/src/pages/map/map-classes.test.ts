import { describe, expect, test } from 'vitest';
import { joinByCode, type MapFeature, mapRows, type MapSpace, SUPPRESSED_COLOUR, sortRows, VIRIDIS_5 } from './map-classes';

const outline = (code: string): MapFeature => ({ type: 'Feature', geometry: null, properties: { code, name: `Raum ${code}` } });
/** A space as the page has it: an outline joined with its classes and values by code. */
const feature = (code: string, { statusClass = null, ...values }: Record<string, unknown>): MapSpace =>
  joinByCode([outline(code)], { spaces: { [code]: { statusClass: statusClass as number | null, dynamicsClass: null, values: values as MapSpace['values'] } } })[0]!;
const value = (v: number | null, suppressed = false) => ({ value: v, suppressed, ...(suppressed ? { reason: 'min-cases' } : {}) });

describe('map rows', () => {
  test('when a value is withheld, then its row says "geheim" in grey and never shows 0', () => {
    const { rows, legend } = mapRows([feature('A', { k: value(10) }), feature('B', { k: value(null, true) }), feature('C', { k: value(50) })], 'indicator', 'k', 'higher-is-worse');
    const b = rows.find((r) => r.code === 'B')!;
    expect(b).toMatchObject({ text: 'geheim', suppressed: true, sortValue: null, colour: SUPPRESSED_COLOUR });
    expect(rows.find((r) => r.code === 'A')!.colour).toBe(VIRIDIS_5[0]);
    expect(rows.find((r) => r.code === 'C')!.colour).toBe(VIRIDIS_5[4]);
    expect(legend.map((l) => l.label)).toContain('geheim (Geheimhaltung)');
  });

  test('when higher is better, then the low values get the dark end', () => {
    const { rows } = mapRows([feature('A', { k: value(10) }), feature('C', { k: value(50) })], 'indicator', 'k', 'higher-is-better');
    expect(rows.find((r) => r.code === 'A')!.colour).toBe(VIRIDIS_5[4]);
  });

  test('when the status classes are shown, then each row has its class in words', () => {
    const { rows } = mapRows([feature('A', { statusClass: 4 }), feature('B', { statusClass: null })], 'status', undefined, 'neutral');
    expect(rows.map((r) => r.text)).toEqual(['4 – sehr niedrig', 'ohne Klasse']);
  });

  test('when the classes name no entry for a space of the outlines, then it shows without class and value', () => {
    const [space] = joinByCode([outline('A')], { spaces: {} });
    expect(space).toEqual({ code: 'A', name: 'Raum A', statusClass: null, dynamicsClass: null, values: {} });
    expect(mapRows([space!], 'indicator', 'k', 'neutral').rows[0]).toMatchObject({ text: '–', suppressed: false });
  });

  test('when sorted by value descending, then the largest comes first and rows without a value last', () => {
    const { rows } = mapRows([feature('A', { k: value(10) }), feature('B', { k: value(null, true) }), feature('C', { k: value(50) })], 'indicator', 'k', 'neutral');
    expect(sortRows(rows, 'value', 'descending').map((r) => r.code)).toEqual(['C', 'A', 'B']);
    expect(sortRows(rows, 'value', 'ascending').map((r) => r.code)).toEqual(['A', 'C', 'B']);
  });
});
