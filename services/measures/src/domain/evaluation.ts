export type Direction = 'up' | 'down';

export interface SpaceChange {
  spaceCode: string;
  spaceName?: string;
  /** null: missing, or withheld by the monitoring service's confidentiality rules. */
  from: number | null;
  to: number | null;
  change: number | null;
}

export interface ObservedSpace extends SpaceChange {
  asExpected: boolean | null;
}

export type Verdict = 'as-expected' | 'against' | 'mixed' | 'unknown';

export interface Observation {
  key: string;
  direction: Direction;
  verdict: Verdict;
  spaces: ObservedSpace[];
}

/** Did the value move the way the measure expected? No change counts as not; an unknown change stays unknown. */
export function movedAsExpected(direction: Direction, change: number | null): boolean | null {
  if (change === null) return null;
  return direction === 'up' ? change > 0 : change < 0;
}

/** One indicator's change in the measure's spaces, judged against the expected direction. */
export function observe(key: string, direction: Direction, changes: readonly SpaceChange[]): Observation {
  const spaces = changes.map((c) => ({ ...c, asExpected: movedAsExpected(direction, c.change) }));
  const known = spaces.map((s) => s.asExpected).filter((v): v is boolean => v !== null);
  const verdict: Verdict =
    known.length === 0 ? 'unknown' : known.every(Boolean) ? 'as-expected' : known.every((v) => !v) ? 'against' : 'mixed';
  return { key, direction, verdict, spaces };
}

/** Periods are years or ISO dates; both compare as text in time order. */
export function periodsInOrder(from: string, to: string): boolean {
  return from < to;
}
