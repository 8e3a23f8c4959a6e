export interface ConfidentialityRules {
  /** Counts (and numerators) from 1 to minCases − 1 are suppressed. */
  readonly minCases: number;
  /** Also suppress counts of 0 (official statistics usually show them). */
  readonly suppressZero: boolean;
  /** Rates, shares and means whose denominator is below this are suppressed. */
  readonly minDenominator: number;
  /** Counts are rounded to the nearest multiple of this; 0 = no rounding. */
  readonly roundCountsTo: number;
  /** All values of spaces with fewer residents are suppressed; 0 = rule off. */
  readonly minPopulation: number;
}

export type ValueKind = 'count' | 'rate' | 'share' | 'mean';

export interface ConfidentialValue {
  readonly kind: ValueKind;
  readonly value: number | null;
  /** For rates/shares: the number of cases; for means: the sum of the values. */
  readonly numerator?: number | null;
  /** For rates/shares: the base population; for means: the number of cases. */
  readonly denominator?: number | null;
  /** Residents of the space the value describes; undefined when the value is not about one space. */
  readonly spacePopulation?: number | null;
}

/**
 * min-cases, min-denominator, population: primary rules on the value itself; secondary: withheld because it
 * would give another hidden value away (a parent total minus visible children).
 */
export type SuppressionReason = 'min-cases' | 'min-denominator' | 'population' | 'secondary';

export interface ConfidentialityOptions {
  /** The caller's role may see unsuppressed, unrounded values. */
  readonly raw: boolean;
}

export interface ProtectedValue {
  readonly value: number | null;
  readonly suppressed: boolean;
  readonly reason?: SuppressionReason | 'missing';
  /** True when the count rounding rule was applied to the value. */
  readonly rounded?: boolean;
  readonly numerator?: number | null;
  readonly denominator?: number | null;
}
