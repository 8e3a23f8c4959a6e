/** Whether a high indicator value describes a worse or a better social situation. */
export type Polarity = 'higher-is-worse' | 'higher-is-better';

export type StandardDeviationKind = 'sample' | 'population';

/** 'indicator': the dynamics values are already changes; 'difference': end value minus start value. */
export type DynamicsSource = 'indicator' | 'difference';

export interface WeightedIndicator {
  readonly indicatorKey: string;
  readonly weight: number;
  readonly polarity: Polarity;
}

/** z < high → 1; high ≤ z ≤ mediumUpper → 2; mediumUpper < z ≤ lowUpper → 3; z > lowUpper → 4. */
export interface StatusCutoffs {
  readonly high: number;
  readonly mediumUpper: number;
  readonly lowUpper: number;
}

/** z < positive → 1; positive ≤ z ≤ negative → 3; z > negative → 5. */
export interface DynamicsCutoffs {
  readonly positive: number;
  readonly negative: number;
}

/**
 * One version of an index method. Stored as JSON with every result so that a published
 * result can be recomputed years later.
 */
export interface MethodVersion {
  readonly key: string;
  readonly version: string;
  readonly description?: string;
  readonly statusIndicators: readonly WeightedIndicator[];
  readonly dynamicsIndicators: readonly WeightedIndicator[];
  readonly dynamicsSource: DynamicsSource;
  readonly dynamicsPeriodYears: number;
  readonly statusCutoffs: StatusCutoffs;
  readonly dynamicsCutoffs: DynamicsCutoffs;
  /** Spaces with fewer residents (population < minPopulation) are left out. */
  readonly minPopulation: number;
  /** Defaults to 'sample' (Berlin MSS). */
  readonly standardDeviation?: StandardDeviationKind;
}

export type StatusClass = 1 | 2 | 3 | 4;
export type DynamicsClass = 1 | 3 | 5;

export type IndicatorValues = Readonly<Record<string, number | null | undefined>>;

export interface SpaceIndexInput {
  readonly spaceCode: string;
  readonly population: number | null;
  readonly status: IndicatorValues;
  /** Changes (source 'indicator') or end-of-period values (source 'difference'). */
  readonly dynamics: IndicatorValues;
  /** Values dynamicsPeriodYears earlier; only used with source 'difference'. */
  readonly dynamicsBase?: IndicatorValues;
  /**
   * An input is withheld by confidentiality: the space is left out of the computation, so that no index, class
   * or z-value, and no mean or sd of the others, is computed from it. A population known publicly still excludes first.
   */
  readonly confidential?: boolean;
}

export type ExclusionCode = 'population-missing' | 'population-below-minimum' | 'confidential' | 'missing-values';

export interface ExclusionReason {
  readonly code: ExclusionCode;
  readonly message: string;
  /** For 'missing-values': which indicators (status:KEY / dynamics:KEY) lacked a value. */
  readonly indicators?: readonly string[];
}

interface SpaceIndexBase {
  readonly spaceCode: string;
}

export interface ScoredSpace extends SpaceIndexBase {
  readonly excluded?: undefined;
  readonly statusSum: number;
  readonly statusIndex: number;
  readonly statusClass: StatusClass;
  readonly dynamicsSum: number;
  readonly dynamicsIndex: number;
  readonly dynamicsClass: DynamicsClass;
  /** 1–12: (statusClass − 1) · 3 + (positive 1 | stable 2 | negative 3). */
  readonly combinedGroup: number;
  /** e.g. "2/3": status class / dynamics class. */
  readonly combinedLabel: string;
  /** Status z-values with polarity applied (higher = worse). */
  readonly zValues: Readonly<Record<string, number>>;
  /** Dynamics z-values with polarity applied; separate because keys may repeat status keys. */
  readonly dynamicsZValues: Readonly<Record<string, number>>;
}

export interface ExcludedSpace extends SpaceIndexBase {
  readonly excluded: ExclusionReason;
  readonly statusSum: null;
  readonly statusIndex: null;
  readonly statusClass: null;
  readonly dynamicsSum: null;
  readonly dynamicsIndex: null;
  readonly dynamicsClass: null;
  readonly combinedGroup: null;
  readonly combinedLabel: null;
  readonly zValues: Readonly<Record<string, number>>;
  readonly dynamicsZValues: Readonly<Record<string, number>>;
}

export type SpaceIndexResult = ScoredSpace | ExcludedSpace;

export interface DistributionStats {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

export interface IndexSummary {
  readonly scored: number;
  readonly excluded: number;
  readonly statusClasses: Readonly<Record<StatusClass, number>>;
  readonly dynamicsClasses: Readonly<Record<DynamicsClass, number>>;
  /** Keys 1–12. */
  readonly combinedGroups: Readonly<Record<number, number>>;
}

export interface IndexComputation {
  readonly methodKey: string;
  readonly methodVersion: string;
  /** In input order. */
  readonly spaces: readonly SpaceIndexResult[];
  readonly summary: IndexSummary;
  /** Means and SDs used, so that a result can be explained and checked. */
  readonly statistics: {
    readonly status: Readonly<Record<string, DistributionStats>>;
    readonly dynamics: Readonly<Record<string, DistributionStats>>;
    readonly statusSum: DistributionStats;
    readonly dynamicsSum: DistributionStats;
  };
  /** E.g. an indicator without variance, which then contributes z = 0 everywhere. */
  readonly warnings: readonly string[];
}
