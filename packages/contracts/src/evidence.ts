import type { Goal } from './forms';

/** The part of monitoring's space profile (GET /v1/spaces/{code}/profile) the cycle reads; the snapshot keeps the whole profile. */
export interface SpaceProfile {
  space: { code: string; name?: string };
  indicators: Array<{
    key: string;
    name: string;
    unit?: string;
    polarity?: 'higher-is-worse' | 'higher-is-better' | 'neutral';
    points: Array<{ period: string; value: { value: number | null; suppressed: boolean } }>;
  }>;
}

/** Monitoring's evidence as a cycle freezes it (strategy.cycle.evidence, and the reflection's snapshot). */
export type EvidenceSnapshot = { frozenAt: string; profile: SpaceProfile } | { frozenAt: string; unavailable: string };

export const profileOf = (snapshot: EvidenceSnapshot | null | undefined): SpaceProfile | undefined =>
  snapshot && 'profile' in snapshot ? snapshot.profile : undefined;

export interface Reading {
  period: string;
  value: number;
}

export interface IndicatorComparison {
  goal: string;
  indicatorKey: string;
  indicatorName?: string;
  before: Reading | null;
  after: Reading | null;
  /** after − before; null when either is missing or suppressed. */
  change: number | null;
  targetValue?: number;
  targetYear?: number;
  /** By the indicator's polarity; null when neutral, unknown or not comparable. */
  improved: boolean | null;
}

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
