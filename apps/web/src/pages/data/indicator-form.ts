import { z } from 'zod';
import type { Indicator } from './data-queries';
import type { components } from '../../generated/monitoring';

export type IndicatorInput = components['schemas']['IndicatorInput'];
export type IndicatorPatch = components['schemas']['IndicatorPatch'];

const BOUND = 1e15;

/** "1.234,5", "-12,4", "1 000" or "" (no bound) → a number, null, or undefined when it is not a number. */
export function germanNumber(text: string): number | null | undefined {
  const compact = text.trim().replace(/[\s\u00a0\u202f.]/g, '').replace(',', '.');
  if (compact === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(compact)) return undefined;
  return Number(compact);
}

const bound = z
  .string()
  .refine((v) => germanNumber(v) !== undefined, 'Bitte eine Zahl, zum Beispiel 0 oder 100 oder 12,5 – oder leer lassen.')
  .refine((v) => Math.abs(germanNumber(v) ?? 0) <= BOUND, 'Die Zahl ist zu groß.');

/** The catalogue entry as a planner fills it in (texts); German messages; the bounds in German notation. */
export const indicatorForm = z
  .object({
    key: z.string().trim().regex(/^[A-Za-z0-9_.\-/]{1,80}$/, 'Bitte geben Sie einen Schlüssel an: Buchstaben ohne Umlaute, Ziffern, Punkt, Binde-, Unter- und Schrägstrich, höchstens 80 Zeichen.'),
    name: z.string().trim().min(1, 'Bitte geben Sie einen Namen an.').max(200, 'Höchstens 200 Zeichen.'),
    definition: z.string().max(4000, 'Höchstens 4.000 Zeichen.'),
    unit: z.string().max(50, 'Höchstens 50 Zeichen.'),
    source: z.string().max(500, 'Höchstens 500 Zeichen.'),
    topic: z.string().max(100, 'Höchstens 100 Zeichen.'),
    kind: z.enum(['rate', 'share', 'count', 'mean'], { message: 'Bitte wählen Sie die Art des Indikators.' }),
    polarity: z.enum(['higher-is-worse', 'higher-is-better', 'neutral'], { message: 'Bitte wählen Sie eine Richtung.' }),
    targetGroups: z.array(z.string()),
    minValue: bound,
    maxValue: bound,
  })
  .refine((v) => { const min = germanNumber(v.minValue); const max = germanNumber(v.maxValue); return min == null || max == null || min <= max; }, {
    path: ['maxValue'],
    message: 'Der größte Wert darf nicht kleiner als der kleinste sein.',
  });
export type IndicatorFormValues = z.infer<typeof indicatorForm>;

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value).replace('.', ','));

/** An empty form for a new indicator, or the form filled from one to change. */
export function formOf(indicator?: Indicator): IndicatorFormValues {
  return {
    key: indicator?.key ?? '',
    name: indicator?.name ?? '',
    definition: indicator?.definition ?? '',
    unit: indicator?.unit ?? '',
    source: indicator?.source ?? '',
    topic: indicator?.topic ?? '',
    kind: (indicator?.kind ?? '') as IndicatorFormValues['kind'],
    polarity: (indicator?.polarity ?? '') as IndicatorFormValues['polarity'],
    targetGroups: indicator?.targetGroups ?? [],
    minValue: text(indicator?.minValue),
    maxValue: text(indicator?.maxValue),
  };
}

/** What the form says, as the catalogue's fields (empty bounds as null: no bound). */
function fieldsOf(values: IndicatorFormValues) {
  return {
    name: values.name.trim(),
    definition: values.definition.trim(),
    unit: values.unit.trim(),
    source: values.source.trim(),
    topic: values.topic.trim(),
    kind: values.kind,
    polarity: values.polarity,
    targetGroups: values.targetGroups as IndicatorInput['targetGroups'],
    minValue: germanNumber(values.minValue) ?? null,
    maxValue: germanNumber(values.maxValue) ?? null,
  };
}

export const inputOf = (values: IndicatorFormValues): IndicatorInput => ({ key: values.key.trim(), ...fieldsOf(values) });

/** The change of an indicator, with the version read (a stale one is refused with 409). */
export const patchOf = (values: IndicatorFormValues, version: number): IndicatorPatch => ({ version, ...fieldsOf(values) });
