import type { Goal, IndicatorComparison, Reading } from '@sozialraum/contracts';
import type { SpaceProfile } from './snapshot';

/** The newest value that is not suppressed; periods sort as strings (YYYY, YYYY-MM, …). */
export function latestReading(profile: SpaceProfile | undefined, key: string): Reading | null {
  const indicator = profile?.indicators.find((i) => i.key === key);
  const points = (indicator?.points ?? []).filter((p) => p.value.value !== null && !p.value.suppressed);
  const newest = points.sort((a, b) => a.period.localeCompare(b.period)).at(-1);
  return newest ? { period: newest.period, value: newest.value.value as number } : null;
}

/** Before/after on each goal's indicator: the analysis snapshot against the reflection snapshot. */
export function compareGoals(goals: Goal[], before: SpaceProfile | undefined, after: SpaceProfile | undefined): IndicatorComparison[] {
  return goals.flatMap((goal) => {
    if (!goal.indicatorKey) return [];
    const key = goal.indicatorKey;
    const from = latestReading(before, key);
    const to = latestReading(after, key);
    const change = from && to ? to.value - from.value : null;
    const polarity = (after ?? before)?.indicators.find((i) => i.key === key)?.polarity;
    const improved = change === null || !polarity || polarity === 'neutral' ? null : polarity === 'higher-is-worse' ? change < 0 : change > 0;
    return [{
      goal: goal.title,
      indicatorKey: key,
      indicatorName: (after ?? before)?.indicators.find((i) => i.key === key)?.name,
      before: from,
      after: to,
      change,
      targetValue: goal.targetValue,
      targetYear: goal.targetYear,
      improved,
    }];
  });
}
