/**
 * The gap view's rule: a target group is under pressure in a space when an indicator for the group is worse
 * there than the city mean (by its polarity) in its latest visible value, or when an open alert concerns the
 * group (an alert on an indicator: that indicator's groups; an alert on the index: every group the space's
 * indicators name). A group under pressure with neither an offer nor an open measure is a gap.
 */

export type Polarity = 'higher-is-worse' | 'higher-is-better' | 'neutral';

export interface ProfilePoint {
  period: string;
  value: { value: number | null; suppressed: boolean };
  cityMean?: number | null;
}

export interface ProfileIndicator {
  key: string;
  name: string;
  polarity: Polarity;
  points: ProfilePoint[];
}

export interface ProfileAlert {
  id: number;
  ruleKey: string;
  message: string;
  status: string;
  indicatorKey?: string | null;
}

export interface Pressure {
  indicatorKey: string;
  name: string;
  period: string;
  value: number;
  cityMean: number;
  polarity: 'higher-is-worse' | 'higher-is-better';
}

export interface GroupPressure {
  pressure: Pressure[];
  alerts: Array<{ id: number; ruleKey: string; message: string; indicatorKey: string | null }>;
}

/** The latest point with a value the caller may see and a city mean, judged by polarity; neutral never presses. */
export function indicatorPressure(indicator: ProfileIndicator): Pressure | undefined {
  if (indicator.polarity === 'neutral') return undefined;
  const visible = indicator.points
    .filter((p) => !p.value.suppressed && p.value.value !== null && p.cityMean !== null && p.cityMean !== undefined)
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const latest = visible[visible.length - 1];
  if (!latest) return undefined;
  const value = latest.value.value as number;
  const cityMean = latest.cityMean as number;
  const worse = indicator.polarity === 'higher-is-worse' ? value > cityMean : value < cityMean;
  return worse ? { indicatorKey: indicator.key, name: indicator.name, period: latest.period, value, cityMean, polarity: indicator.polarity } : undefined;
}

export function pressureByGroup(
  indicators: readonly ProfileIndicator[],
  groupsOf: ReadonlyMap<string, readonly string[]>,
  alerts: readonly ProfileAlert[],
): Map<string, GroupPressure> {
  const result = new Map<string, GroupPressure>();
  const entry = (group: string) => result.get(group) ?? result.set(group, { pressure: [], alerts: [] }).get(group)!;
  for (const indicator of indicators) {
    const pressure = indicatorPressure(indicator);
    if (pressure) for (const group of groupsOf.get(indicator.key) ?? []) entry(group).pressure.push(pressure);
  }
  const everyGroup = [...new Set(indicators.flatMap((i) => groupsOf.get(i.key) ?? []))];
  for (const alert of alerts.filter((a) => a.status === 'open')) {
    const groups = alert.indicatorKey ? (groupsOf.get(alert.indicatorKey) ?? []) : everyGroup;
    const view = { id: alert.id, ruleKey: alert.ruleKey, message: alert.message, indicatorKey: alert.indicatorKey ?? null };
    for (const group of groups) entry(group).alerts.push(view);
  }
  return result;
}

export interface GapItem extends GroupPressure {
  targetGroup: string;
  offers: number;
  measures: number;
  gap: boolean;
}

/** Every group under pressure with what addresses it; gaps first, then by group. */
export function gapItems(pressure: ReadonlyMap<string, GroupPressure>, coverage: (group: string) => { offers: number; measures: number }): GapItem[] {
  return [...pressure.entries()]
    .map(([targetGroup, p]) => {
      const { offers, measures } = coverage(targetGroup);
      return { targetGroup, ...p, offers, measures, gap: offers === 0 && measures === 0 };
    })
    .sort((a, b) => Number(b.gap) - Number(a.gap) || (a.targetGroup < b.targetGroup ? -1 : 1));
}
