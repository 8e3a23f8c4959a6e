import { formatNumber } from './format';

/** A value as monitoring disclosed it to the caller. */
export interface Disclosed {
  value: number | null;
  suppressed: boolean;
  reason?: string;
}

/** Why a value is withheld, in German (the PDFs say the same). */
export const SUPPRESSION_REASONS: Record<string, string> = {
  'min-cases': 'zu wenige Fälle',
  'min-denominator': 'zu kleine Bezugsgröße',
  population: 'zu wenige Einwohner im Raum',
  secondary: 'sonst aus Summen errechenbar',
};

export const suppressionReason = (reason: string | undefined): string => SUPPRESSION_REASONS[reason ?? ''] ?? 'Geheimhaltung';

/** "geheim" for a withheld value (never 0), "–" for none, else the German number. */
export function disclosedText(value: Disclosed | undefined): string {
  if (value?.suppressed) return 'geheim';
  return formatNumber(value?.value ?? null);
}

/** The visible number, or null when withheld or missing. */
export const visibleValue = (value: Disclosed | undefined): number | null => (value && !value.suppressed ? value.value : null);

/** What "geheim" means, under every table that can hold one. */
export const SUPPRESSION_NOTE =
  '„geheim“: Der Wert unterliegt der statistischen Geheimhaltung (zu wenige Fälle oder Einwohner, oder er ließe sich aus Summen errechnen) und wird Ihnen nicht gezeigt. „–“: Es gibt keinen Wert.';
