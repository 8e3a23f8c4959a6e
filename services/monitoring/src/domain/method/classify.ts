import { type DynamicsClass, type DynamicsCutoffs, type StatusClass, type StatusCutoffs } from './types';

/**
 * Index values are compared with the cut-offs after rounding to this many decimals, so that a
 * value that is mathematically exactly on a cut-off (e.g. 1) is not pushed across it by
 * floating-point error (0.9999999999999998 or 1.0000000000000002).
 */
export const CLASSIFICATION_DECIMALS = 9;

function snap(z: number): number {
  const factor = 10 ** CLASSIFICATION_DECIMALS;
  return Math.round(z * factor) / factor;
}

export const STATUS_CLASS_LABELS: Readonly<Record<StatusClass, string>> = {
  1: 'hoch',
  2: 'mittel',
  3: 'niedrig',
  4: 'sehr niedrig',
};

export const DYNAMICS_CLASS_LABELS: Readonly<Record<DynamicsClass, string>> = {
  1: 'positiv',
  3: 'stabil',
  5: 'negativ',
};

export function classifyStatus(index: number, cutoffs: StatusCutoffs): StatusClass {
  const z = snap(index);
  if (z < cutoffs.high) return 1;
  if (z <= cutoffs.mediumUpper) return 2;
  if (z <= cutoffs.lowUpper) return 3;
  return 4;
}

export function classifyDynamics(index: number, cutoffs: DynamicsCutoffs): DynamicsClass {
  const z = snap(index);
  if (z < cutoffs.positive) return 1;
  if (z <= cutoffs.negative) return 3;
  return 5;
}

/** Status 1..4 × dynamics positive/stable/negative → 1..12. */
export function combinedGroup(statusClass: StatusClass, dynamicsClass: DynamicsClass): number {
  const dynamicsIndex = (dynamicsClass - 1) / 2;
  return (statusClass - 1) * 3 + dynamicsIndex + 1;
}

export function combinedLabel(statusClass: StatusClass, dynamicsClass: DynamicsClass): string {
  return `${statusClass}/${dynamicsClass}`;
}
