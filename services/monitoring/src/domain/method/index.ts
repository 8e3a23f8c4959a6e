export type {
  DistributionStats,
  DynamicsClass,
  DynamicsCutoffs,
  DynamicsSource,
  ExcludedSpace,
  ExclusionCode,
  ExclusionReason,
  IndexComputation,
  IndexSummary,
  IndicatorValues,
  MethodVersion,
  Polarity,
  ScoredSpace,
  SpaceIndexInput,
  SpaceIndexResult,
  StandardDeviationKind,
  StatusClass,
  StatusCutoffs,
  WeightedIndicator,
} from './types';
export { validateMethodVersion, parseMethodVersion, type ParseResult } from './validate';
export { computeIndices, InvalidMethodError } from './compute';
export {
  CLASSIFICATION_DECIMALS,
  STATUS_CLASS_LABELS,
  DYNAMICS_CLASS_LABELS,
  classifyStatus,
  classifyDynamics,
  combinedGroup,
  combinedLabel,
} from './classify';
export { mean, standardDeviation } from './statistics';
export { BERLIN_MSS_2021, STANDARD_STATUS_CUTOFFS, STANDARD_DYNAMICS_CUTOFFS } from './presets';
export { shiftPeriod } from './periods';
