import { mean, standardDeviation, type Polarity } from '../method';
import { aboveMeanMessage, dynamicsClassMessage, statusClassMessage, worseningMessage } from './messages';
import {
  type AboveMeanRule,
  type Alert,
  type AlertData,
  type AlertRule,
  type IndicatorInfo,
  type ObservedPoint,
  type SeriesPoint,
  type WorseningRule,
} from './types';
import { checkRulesAgainstData, validateAlertRules } from './validate';

export class AlertConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Alert rules cannot be evaluated: ${problems.join(' ')}`);
    this.name = 'AlertConfigurationError';
  }
}

/** Ordinal, not locale-dependent, so the order is the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isWorse(from: number, to: number, polarity: Polarity): boolean {
  return polarity === 'higher-is-better' ? to < from : to > from;
}

/** One value per period (the last given wins), ordered by period. */
function orderedSeries(points: readonly SeriesPoint[] | undefined): SeriesPoint[] {
  const byPeriod = new Map<string, SeriesPoint>();
  for (const p of points ?? []) byPeriod.set(p.period, p);
  return [...byPeriod.values()].sort((a, b) => compareStrings(a.period, b.period));
}

function evaluationPeriod(data: AlertData, indicatorKey: string): string | undefined {
  if (data.period !== undefined) return data.period;
  let latest: string | undefined;
  for (const space of data.spaces) {
    for (const p of space.series[indicatorKey] ?? []) {
      if (isNumber(p.value) && (latest === undefined || p.period > latest)) latest = p.period;
    }
  }
  return latest;
}

function valueAt(points: readonly SeriesPoint[] | undefined, period: string): number | null {
  const v = orderedSeries(points).find((p) => p.period === period)?.value;
  return isNumber(v) ? v : null;
}

function classAlerts(rule: AlertRule, data: AlertData): Alert[] {
  const alerts: Alert[] = [];
  for (const space of data.spaces) {
    const index = space.index;
    if (!index) continue;
    const base = {
      ruleKey: rule.key,
      ruleLabel: rule.label,
      type: rule.type,
      spaceCode: space.spaceCode,
      period: index.period,
    };
    if (rule.type === 'status-class' && index.statusClass !== null && rule.classes.includes(index.statusClass)) {
      const statusIndex = isNumber(index.statusIndex) ? { statusIndex: index.statusIndex } : {};
      alerts.push({
        ...base,
        message: statusClassMessage(index.statusClass),
        evidence: { kind: 'status-class', statusClass: index.statusClass, ...statusIndex },
      });
    }
    if (rule.type === 'dynamics-class' && index.dynamicsClass !== null && rule.classes.includes(index.dynamicsClass)) {
      const dynamicsIndex = isNumber(index.dynamicsIndex) ? { dynamicsIndex: index.dynamicsIndex } : {};
      alerts.push({
        ...base,
        message: dynamicsClassMessage(index.dynamicsClass),
        evidence: { kind: 'dynamics-class', dynamicsClass: index.dynamicsClass, ...dynamicsIndex },
      });
    }
  }
  return alerts;
}

function aboveMeanAlerts(rule: AboveMeanRule, info: IndicatorInfo, data: AlertData): Alert[] {
  const period = evaluationPeriod(data, rule.indicatorKey);
  if (period === undefined) return [];
  const observed = data.spaces
    .map((space) => ({ spaceCode: space.spaceCode, value: valueAt(space.series[rule.indicatorKey], period) }))
    .filter((o): o is { spaceCode: string; value: number } => o.value !== null);
  const values = observed.map((o) => o.value);
  const m = mean(values);
  const sd = standardDeviation(values, 'sample');
  // Without spread there is no "unusual" space.
  if (!(sd > 0)) return [];
  const better = info.polarity === 'higher-is-better';
  const threshold = better ? m - rule.k * sd : m + rule.k * sd;
  return observed
    .filter((o) => (better ? o.value < threshold : o.value > threshold))
    .map((o) => ({
      ruleKey: rule.key,
      ruleLabel: rule.label,
      type: rule.type,
      spaceCode: o.spaceCode,
      period,
      indicatorKey: rule.indicatorKey,
      message: aboveMeanMessage(info.label, rule.k, info.polarity),
      evidence: {
        kind: 'above-mean',
        value: o.value,
        mean: m,
        sd,
        k: rule.k,
        threshold,
        n: values.length,
        polarity: info.polarity,
      },
    }));
}

function worseningAlerts(rule: WorseningRule, info: IndicatorInfo, data: AlertData): Alert[] {
  const period = evaluationPeriod(data, rule.indicatorKey);
  if (period === undefined) return [];
  const alerts: Alert[] = [];
  for (const space of data.spaces) {
    const series = orderedSeries(space.series[rule.indicatorKey]);
    const end = series.findIndex((p) => p.period === period);
    if (end < rule.periods) continue;
    // Consecutive available periods; a gap in the series does not break the run.
    const window = series.slice(end - rule.periods, end + 1);
    if (!window.every((p) => isNumber(p.value))) continue;
    const points = window as ObservedPoint[];
    const worsenedEveryStep = points
      .slice(1)
      .every((p, i) => isWorse((points[i] as ObservedPoint).value, p.value, info.polarity));
    if (!worsenedEveryStep) continue;
    alerts.push({
      ruleKey: rule.key,
      ruleLabel: rule.label,
      type: rule.type,
      spaceCode: space.spaceCode,
      period,
      indicatorKey: rule.indicatorKey,
      message: worseningMessage(info.label, rule.periods),
      evidence: {
        kind: 'worsening',
        periods: rule.periods,
        polarity: info.polarity,
        series: points.map((p) => ({ period: p.period, value: p.value })),
      },
    });
  }
  return alerts;
}

function alertsForRule(rule: AlertRule, data: AlertData): Alert[] {
  switch (rule.type) {
    case 'status-class':
    case 'dynamics-class':
      return classAlerts(rule, data);
    case 'above-mean':
      return aboveMeanAlerts(rule, data.indicators[rule.indicatorKey] as IndicatorInfo, data);
    case 'worsening':
      return worseningAlerts(rule, data.indicators[rule.indicatorKey] as IndicatorInfo, data);
  }
}

/**
 * Evaluates every rule for every space. Order: rules as given, then space code (ordinal).
 * Throws AlertConfigurationError for invalid rules or rules naming undescribed indicators.
 */
export function evaluateAlerts(rules: readonly AlertRule[], data: AlertData): Alert[] {
  const problems = validateAlertRules(rules);
  if (problems.length === 0) problems.push(...checkRulesAgainstData(rules, data));
  if (problems.length > 0) throw new AlertConfigurationError(problems);
  return rules.flatMap((rule) =>
    alertsForRule(rule, data).sort((a, b) => compareStrings(a.spaceCode, b.spaceCode)),
  );
}
