import { describe, expect, test } from 'vitest';
import { germanReason, isoPeriod, reportCsv } from './import-texts';

describe('the import report', () => {
  test('when the server rejects rows, then the reasons read in German, unknown ones as sent', () => {
    expect(germanReason('unknown space "Mürwik"')).toBe('Gebiet „Mürwik“ ist unbekannt');
    expect(germanReason('not a number: "k.A."')).toBe('keine Zahl: „k.A.“');
    expect(germanReason('something new')).toBe('something new');
  });

  test('when it is downloaded, then it is CSV for German Excel with rejected rows and notes by line', () => {
    const csv = reportCsv({
      rejected: [{ line: 7, column: null, reason: 'unknown space "=Süd"' }],
      notes: [{ line: 4, column: 'SGB II', space: 'Nord', indicator: 'sgb2', period: '2022', symbol: '.', reason: 'secret', value: null }],
    });
    expect(csv.startsWith('\uFEFFZeile;Spalte;Gebiet')).toBe(true);
    expect(csv.split('\r\n').slice(1, 3)).toEqual([
      '4;SGB II;Nord;sgb2;2022;Hinweis;.;Zahlenwert unbekannt oder geheim zu halten;',
      '7;;;;;abgelehnt;;Gebiet „=Süd“ ist unbekannt;',
    ]);
  });
});

describe('the release key', () => {
  test('when it is taken from a German file name, then umlauts, ß and spaces become what a key may hold', async () => {
    const { releaseKeyOf } = await import('./MappingSection');
    expect(releaseKeyOf('Bevölkerung Straße 2024.xlsx')).toBe('Bevoelkerung-Strasse-2024');
    expect(releaseKeyOf('???.csv')).toBe('import');
  });

  test('when a period is written the German way, then it goes to the API as ISO date; years and ISO dates stay', () => {
    expect(isoPeriod(' 31.12.2022 ')).toBe('2022-12-31');
    expect(isoPeriod('1.7.2021')).toBe('2021-07-01');
    expect(isoPeriod('2022')).toBe('2022');
    expect(isoPeriod('2020-12-31')).toBe('2020-12-31');
  });
});
