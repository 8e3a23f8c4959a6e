import {
  type ConfidentialValue,
  type ConfidentialityOptions,
  type ConfidentialityRules,
  type ProtectedValue,
  type SuppressionReason,
} from './types';

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A count that would disclose a small group: 1..minCases−1, or 0 when suppressZero. */
function isSmallCount(count: number, rules: ConfidentialityRules): boolean {
  if (count === 0) return rules.suppressZero;
  return Math.abs(count) < rules.minCases;
}

/** Nearest multiple of roundCountsTo, halves away from zero. */
function roundCount(count: number, rules: ConfidentialityRules): number {
  const step = rules.roundCountsTo;
  return Math.sign(count) * Math.round(Math.abs(count) / step) * step + 0;
}

type CountOutcome = { value: number; rounded: boolean } | { suppressed: SuppressionReason };

/** Suppression and rounding of one count; a non-zero count never leaves as 0. */
function protectCount(count: number, rules: ConfidentialityRules): CountOutcome {
  if (isSmallCount(count, rules)) return { suppressed: 'min-cases' };
  if (rules.roundCountsTo <= 0) return { value: count, rounded: false };
  const value = roundCount(count, rules);
  if (value === 0 && count !== 0) return { suppressed: 'min-cases' };
  return { value, rounded: true };
}

function populationReason(input: ConfidentialValue, rules: ConfidentialityRules): SuppressionReason | null {
  if (rules.minPopulation <= 0 || input.spacePopulation === undefined) return null;
  // An unknown population cannot prove the space is large enough.
  if (!isNumber(input.spacePopulation) || input.spacePopulation < rules.minPopulation) return 'population';
  return null;
}

/** Why a rate, share or mean must not leave; the denominator is only checked when it is given. */
function ratioReason(input: ConfidentialValue, rules: ConfidentialityRules): SuppressionReason | null {
  const { numerator, denominator } = input;
  if (isNumber(denominator) && denominator < rules.minDenominator) return 'min-denominator';
  // For a mean the cases are the denominator; for a rate or share they are the numerator.
  const cases = input.kind === 'mean' ? denominator : numerator;
  if (isNumber(cases) && isSmallCount(cases, rules)) return 'min-cases';
  return null;
}

/** Keeps numerator/denominator keys that were given, with their values withheld. */
function withheldParts(input: ConfidentialValue) {
  return {
    ...(input.numerator !== undefined ? { numerator: null } : {}),
    ...(input.denominator !== undefined ? { denominator: null } : {}),
  };
}

/** A withheld value: null with its reason, its numerator and denominator withheld too. */
export function suppressedResult(input: ConfidentialValue, reason: SuppressionReason): ProtectedValue {
  return { value: null, suppressed: true, reason, ...withheldParts(input) };
}

/** A numerator/denominator leaving next to a shown ratio: counts follow the count rules. */
function protectPart(part: number | null | undefined, isCount: boolean, rules: ConfidentialityRules) {
  if (!isNumber(part) || !isCount) return part === undefined ? undefined : part;
  const outcome = protectCount(part, rules);
  return 'suppressed' in outcome ? null : outcome.value;
}

function withParts(input: ConfidentialValue, rules: ConfidentialityRules) {
  const numerator = protectPart(input.numerator, input.kind !== 'mean', rules);
  const denominator = protectPart(input.denominator, true, rules);
  return {
    ...(numerator !== undefined ? { numerator } : {}),
    ...(denominator !== undefined ? { denominator } : {}),
  };
}

/**
 * Statistical disclosure control for one value leaving the service. A suppressed value is
 * null with suppressed: true and a reason, never 0 and never silently missing.
 */
export function applyConfidentiality(
  input: ConfidentialValue,
  rules: ConfidentialityRules,
  options: ConfidentialityOptions,
): ProtectedValue {
  if (options.raw) {
    const parts = {
      ...(input.numerator !== undefined ? { numerator: input.numerator } : {}),
      ...(input.denominator !== undefined ? { denominator: input.denominator } : {}),
    };
    return isNumber(input.value)
      ? { value: input.value, suppressed: false, ...parts }
      : { value: null, suppressed: false, reason: 'missing', ...parts };
  }
  // Nothing to protect, and parts without their value are not worth the disclosure risk.
  if (!isNumber(input.value)) return { value: null, suppressed: false, reason: 'missing', ...withheldParts(input) };

  const byPopulation = populationReason(input, rules);
  if (byPopulation) return suppressedResult(input, byPopulation);

  if (input.kind === 'count') {
    const outcome = protectCount(input.value, rules);
    if ('suppressed' in outcome) return suppressedResult(input, outcome.suppressed);
    const rounded = outcome.rounded ? { rounded: true } : {};
    return { value: outcome.value, suppressed: false, ...rounded, ...withParts(input, rules) };
  }
  const byRatio = ratioReason(input, rules);
  if (byRatio) return suppressedResult(input, byRatio);
  return { value: input.value, suppressed: false, ...withParts(input, rules) };
}
