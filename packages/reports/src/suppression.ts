import { germanNumber } from './format';

/** Why monitoring withheld a value, in German (the web app says the same). */
export const SUPPRESSION_REASONS: Record<string, string> = {
  'min-cases': 'zu wenige Fälle',
  'min-denominator': 'zu kleine Bezugsgröße',
  population: 'zu wenige Einwohner im Raum',
  secondary: 'sonst aus Summen errechenbar',
};

/** A value as monitoring disclosed it: withheld ones read "geheim (reason)", never 0; missing ones null ("–"). */
export function disclosedText(value: { value: number | null; suppressed: boolean; reason?: string } | undefined): string | null {
  if (!value) return null;
  if (value.suppressed) return `geheim (${SUPPRESSION_REASONS[value.reason ?? ''] ?? 'Geheimhaltung'})`;
  return value.value === null ? null : germanNumber(value.value);
}
