import type { IndicatorInfoRecord } from '../data/analysis.repository';
import type { ProtectedValue } from '../domain/confidentiality';

interface Peer {
  value: ProtectedValue;
  population: number | null;
}

const isWeight = (w: number | null | undefined): w is number => typeof w === 'number' && Number.isFinite(w) && w > 0;

/**
 * The city's value of an indicator in one period among the spaces of one type, from the values the caller
 * may see: counts add up (only when every space's count is visible — a part would read as the whole);
 * rates, shares and means are weighted by their denominators (Σ value·denominator / Σ denominator), or by
 * the residents where no value carries a denominator; never the plain mean of the spaces.
 */
export function cityValue(kind: IndicatorInfoRecord['kind'], peers: readonly Peer[]): number | null {
  const shown = peers.filter((p) => !p.value.suppressed && p.value.value !== null);
  if (shown.length === 0) return null;
  if (kind === 'count') return shown.length === peers.length ? shown.reduce((sum, p) => sum + (p.value.value as number), 0) : null;
  const byDenominator = shown.some((p) => isWeight(p.value.denominator));
  const weighted = shown
    .map((p) => ({ value: p.value.value as number, weight: byDenominator ? p.value.denominator : p.population }))
    .filter((p): p is { value: number; weight: number } => isWeight(p.weight));
  const total = weighted.reduce((sum, p) => sum + p.weight, 0);
  return total > 0 ? weighted.reduce((sum, p) => sum + p.value * p.weight, 0) / total : null;
}
