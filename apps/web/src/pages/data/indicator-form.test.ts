import { describe, expect, it } from 'vitest';
import type { Indicator } from './data-queries';
import { formOf, germanNumber, indicatorForm, inputOf, patchOf } from './indicator-form';

const alq: Indicator = {
  key: 'alq',
  name: 'Arbeitslosenquote',
  definition: 'Arbeitslose je 100 Erwerbsfähige',
  unit: '%',
  source: 'Bundesagentur für Arbeit',
  polarity: 'higher-is-worse',
  topic: 'Arbeit',
  targetGroups: ['job-seeking'],
  kind: 'share',
  minValue: 0,
  maxValue: 100,
  changeOf: null,
  changeYears: null,
  version: 3,
};

describe('the indicator form', () => {
  it('when numbers are written the German way, then they are read as numbers; empty is no bound, words are not numbers', () => {
    expect(germanNumber('1.234,5')).toBe(1234.5);
    expect(germanNumber('-12,4')).toBe(-12.4);
    expect(germanNumber('10 000')).toBe(10000);
    expect(germanNumber('  ')).toBeNull();
    expect(germanNumber('viel')).toBeUndefined();
  });

  it('when key, name, kind and direction are missing, then each gets its German message', () => {
    const result = indicatorForm.safeParse(formOf());
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages.key).toMatch(/^Bitte geben Sie einen Schlüssel an/);
    expect(messages.name).toBe('Bitte geben Sie einen Namen an.');
    expect(messages.kind).toBe('Bitte wählen Sie die Art des Indikators.');
    expect(messages.polarity).toBe('Bitte wählen Sie eine Richtung.');
  });

  it('when the range is upside down or not a number, then the bound is refused at its field', () => {
    const upsideDown = indicatorForm.safeParse({ ...formOf(alq), minValue: '100', maxValue: '0' });
    expect(upsideDown.error?.issues).toEqual([expect.objectContaining({ path: ['maxValue'], message: 'Der größte Wert darf nicht kleiner als der kleinste sein.' })]);
    const words = indicatorForm.safeParse({ ...formOf(alq), minValue: 'null' });
    expect(words.error?.issues[0]).toMatchObject({ path: ['minValue'] });
  });

  it('when a planner fills in a new indicator, then the input has the trimmed texts and the bounds as numbers (none as null)', () => {
    const values = { ...formOf(), key: ' alq_u25 ', name: ' Arbeitslose unter 25 ', kind: 'share' as const, polarity: 'higher-is-worse' as const, minValue: '0', maxValue: '', targetGroups: ['youth'] };
    expect(indicatorForm.safeParse(values).success).toBe(true);
    expect(inputOf(values)).toEqual({
      key: 'alq_u25', name: 'Arbeitslose unter 25', definition: '', unit: '', source: '', topic: '', kind: 'share', polarity: 'higher-is-worse', targetGroups: ['youth'], minValue: 0, maxValue: null,
    });
  });

  it('when an indicator is changed, then the form starts from it (bounds in German notation) and the patch carries the version read', () => {
    const values = formOf({ ...alq, maxValue: 99.5 });
    expect(values).toMatchObject({ key: 'alq', kind: 'share', minValue: '0', maxValue: '99,5' });
    expect(patchOf({ ...values, unit: 'Prozent' }, alq.version)).toMatchObject({ version: 3, unit: 'Prozent', maxValue: 99.5 });
    expect(patchOf(values, 3)).not.toHaveProperty('key');
  });
});
