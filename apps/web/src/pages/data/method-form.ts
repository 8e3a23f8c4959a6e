import { z } from 'zod';
import type { MethodDefinition, MethodVersion } from './data-queries';

const wholeNumber = (min: number, max: number, message: string) =>
  z.string().trim().regex(/^\d+$/, message).refine((v) => Number(v) >= min && Number(v) <= max, message);

/** The form of a new method version, as the planner fills it in (texts and chosen keys); German messages. */
export const methodForm = z.object({
  template: z.string(),
  key: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'Nur Kleinbuchstaben, Ziffern und Bindestriche; am Anfang ein Buchstabe oder eine Ziffer.'),
  version: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/, 'Bitte geben Sie eine Version an: Buchstaben, Ziffern, Punkte und Bindestriche, zum Beispiel 2024.1.'),
  description: z.string().max(4000, 'Höchstens 4.000 Zeichen.'),
  statusIndicators: z.array(z.string()).min(1, 'Bitte wählen Sie mindestens einen Statusindikator.').max(30, 'Höchstens 30 Indikatoren.'),
  dynamicsIndicators: z.array(z.string()).min(1, 'Bitte wählen Sie mindestens einen Dynamikindikator.').max(30, 'Höchstens 30 Indikatoren.'),
  dynamicsSource: z.enum(['difference', 'indicator']),
  dynamicsPeriodYears: wholeNumber(1, 20, 'Eine ganze Zahl von 1 bis 20.'),
  minPopulation: wholeNumber(0, 10_000_000, 'Eine ganze Zahl ab 0.'),
});
export type MethodFormValues = z.infer<typeof methodForm>;

/** The form filled from a version to start from: same method, its indicators and settings, a version still to name. */
export function formFromTemplate(template: MethodVersion | undefined): MethodFormValues {
  const d = template?.definition;
  return {
    template: template ? `${template.key}@${template.version}` : '',
    key: d?.key ?? '',
    version: '',
    description: d?.description ?? '',
    statusIndicators: d?.statusIndicators.map((i) => i.indicatorKey) ?? [],
    dynamicsIndicators: d?.dynamicsIndicators.map((i) => i.indicatorKey) ?? [],
    dynamicsSource: d?.dynamicsSource ?? 'difference',
    dynamicsPeriodYears: String(d?.dynamicsPeriodYears ?? 2),
    minPopulation: String(d?.minPopulation ?? 0),
  };
}

/**
 * The definition to send: what the form says, and from the template what the form does not show (weights and
 * polarity of indicators it keeps, cut-offs, space type, population indicator, standard deviation).
 */
export function definitionOf(values: MethodFormValues, template: MethodVersion | undefined): MethodDefinition {
  const d = template?.definition;
  const weighted = (keys: string[], from: MethodDefinition['statusIndicators'] | undefined) =>
    keys.map((indicatorKey) => from?.find((i) => i.indicatorKey === indicatorKey) ?? { indicatorKey, weight: 1 });
  return {
    key: values.key.trim(),
    version: values.version.trim(),
    ...(values.description.trim() ? { description: values.description.trim() } : {}),
    statusIndicators: weighted(values.statusIndicators, d?.statusIndicators),
    dynamicsIndicators: weighted(values.dynamicsIndicators, d?.dynamicsIndicators),
    dynamicsSource: values.dynamicsSource,
    dynamicsPeriodYears: Number(values.dynamicsPeriodYears),
    minPopulation: Number(values.minPopulation),
    ...(d?.spaceType ? { spaceType: d.spaceType } : {}),
    ...(d?.populationIndicatorKey ? { populationIndicatorKey: d.populationIndicatorKey } : {}),
    ...(d?.statusCutoffs ? { statusCutoffs: d.statusCutoffs } : {}),
    ...(d?.dynamicsCutoffs ? { dynamicsCutoffs: d.dynamicsCutoffs } : {}),
    ...(d?.standardDeviation ? { standardDeviation: d.standardDeviation } : {}),
  };
}
