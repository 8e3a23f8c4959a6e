export type {
  ConfidentialityOptions,
  ConfidentialityRules,
  ConfidentialValue,
  ProtectedValue,
  SuppressionReason,
  ValueKind,
} from './types';
export { DEFAULT_CONFIDENTIALITY_RULES, parseConfidentialityRules, type ParseResult } from './rules';
export { applyConfidentiality, suppressedResult } from './apply';
export { complementarySuppression, type SectionCell } from './secondary';
