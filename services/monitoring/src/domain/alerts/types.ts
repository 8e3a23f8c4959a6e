import { type DynamicsClass, type Polarity, type StatusClass } from '../method';

interface RuleBase {
  readonly key: string;
  /** German label shown to planners. */
  readonly label: string;
}

export interface StatusClassRule extends RuleBase {
  readonly type: 'status-class';
  readonly classes: readonly StatusClass[];
}

export interface DynamicsClassRule extends RuleBase {
  readonly type: 'dynamics-class';
  readonly classes: readonly DynamicsClass[];
}

/** Worse than the city mean by more than k standard deviations (direction from the polarity). */
export interface AboveMeanRule extends RuleBase {
  readonly type: 'above-mean';
  readonly indicatorKey: string;
  readonly k: number;
}

/** Worsened in each of the last `periods` period-to-period steps. */
export interface WorseningRule extends RuleBase {
  readonly type: 'worsening';
  readonly indicatorKey: string;
  readonly periods: number;
}

export type AlertRule = StatusClassRule | DynamicsClassRule | AboveMeanRule | WorseningRule;
export type AlertRuleType = AlertRule['type'];

export interface SeriesPoint {
  /** ISO year or date; periods are ordered as strings. */
  readonly period: string;
  readonly value: number | null;
}

export interface IndicatorInfo {
  /** German name used in messages, e.g. "Arbeitslosigkeit". */
  readonly label: string;
  readonly polarity: Polarity;
}

export interface LatestIndex {
  readonly period: string;
  readonly statusClass: StatusClass | null;
  readonly dynamicsClass: DynamicsClass | null;
  readonly statusIndex?: number | null;
  readonly dynamicsIndex?: number | null;
}

export interface SpaceAlertInput {
  readonly spaceCode: string;
  readonly index?: LatestIndex | null;
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
}

export interface AlertData {
  /** Period the indicator rules look at; defaults to the latest period of each indicator. */
  readonly period?: string;
  readonly indicators: Readonly<Record<string, IndicatorInfo>>;
  readonly spaces: readonly SpaceAlertInput[];
}

export interface ObservedPoint {
  readonly period: string;
  readonly value: number;
}

export type AlertEvidence =
  | { readonly kind: 'status-class'; readonly statusClass: StatusClass; readonly statusIndex?: number }
  | { readonly kind: 'dynamics-class'; readonly dynamicsClass: DynamicsClass; readonly dynamicsIndex?: number }
  | {
      readonly kind: 'above-mean';
      readonly value: number;
      readonly mean: number;
      readonly sd: number;
      readonly k: number;
      readonly threshold: number;
      readonly n: number;
      readonly polarity: Polarity;
    }
  | {
      readonly kind: 'worsening';
      readonly periods: number;
      readonly polarity: Polarity;
      readonly series: readonly ObservedPoint[];
    };

export interface Alert {
  readonly ruleKey: string;
  readonly ruleLabel: string;
  readonly type: AlertRuleType;
  readonly spaceCode: string;
  readonly period: string;
  readonly indicatorKey?: string;
  /** German, e.g. "Arbeitslosigkeit liegt über dem städtischen Mittel plus 1 Standardabweichung". */
  readonly message: string;
  readonly evidence: AlertEvidence;
}
