export type {
  AboveMeanRule,
  Alert,
  AlertData,
  AlertEvidence,
  AlertRule,
  AlertRuleType,
  DynamicsClassRule,
  IndicatorInfo,
  LatestIndex,
  ObservedPoint,
  SeriesPoint,
  SpaceAlertInput,
  StatusClassRule,
  WorseningRule,
} from './types';
export { validateAlertRules, parseAlertRules, checkRulesAgainstData, type ParseResult } from './validate';
export { evaluateAlerts, AlertConfigurationError } from './evaluate';
