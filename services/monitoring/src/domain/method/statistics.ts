import { type DistributionStats, type StandardDeviationKind } from './types';

/** Neumaier-compensated sum: keeps results independent of accumulated rounding error. */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const v of values) {
    const t = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + compensation;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : sum(values) / values.length;
}

export function standardDeviation(values: readonly number[], kind: StandardDeviationKind): number {
  const n = values.length;
  const divisor = kind === 'sample' ? n - 1 : n;
  if (divisor <= 0) return NaN;
  const m = mean(values);
  return Math.sqrt(sum(values.map((v) => (v - m) * (v - m))) / divisor);
}

export function describe(values: readonly number[], kind: StandardDeviationKind): DistributionStats {
  const first = values[0];
  // Identical values: report exactly 0 instead of a rounding-error SD that would blow z up.
  if (first !== undefined && values.every((v) => v === first)) {
    return { n: values.length, mean: first, sd: values.length > 1 || kind === 'population' ? 0 : NaN };
  }
  return { n: values.length, mean: mean(values), sd: standardDeviation(values, kind) };
}

/** z = (x − mean) / sd; 0 when the SD is 0 or undefined (the variable then carries no information). */
export function zScore(x: number, stats: DistributionStats): number {
  return stats.sd > 0 && Number.isFinite(stats.sd) ? (x - stats.mean) / stats.sd : 0;
}
