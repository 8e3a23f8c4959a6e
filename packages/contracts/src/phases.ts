/** The phases of a strategy cycle, in order (DESIGN.md §1). */
export const PHASES = [
  'analysis',
  'participation',
  'goal-setting',
  'measure-development',
  'decision',
  'implementation',
  'reflection',
] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  analysis: 'Analyse',
  participation: 'Beteiligung',
  'goal-setting': 'Ziele und Handlungsbedarfe',
  'measure-development': 'Maßnahmenentwicklung',
  decision: 'Entscheidung',
  implementation: 'Umsetzung',
  reflection: 'Reflexion',
};

export type CycleStatus = 'running' | 'suspended' | 'completed' | 'cancelled';

/** Durations are configuration, so tests run a whole cycle in seconds. All in milliseconds. */
export interface CycleTimings {
  /** Time a task has before it is due. */
  taskDueMs: number;
  /** A reminder goes to the assignee (or candidates) this long before the due date. */
  reminderBeforeMs: number;
  /** After the due date, escalation to the working group; after twice this, to the steering committee. */
  escalationAfterMs: number;
  /** Interval of status-report tasks during implementation. */
  reportIntervalMs: number;
  /** Planned length of the implementation phase. */
  implementationMs: number;
}

export const DEFAULT_TIMINGS: CycleTimings = {
  taskDueMs: 14 * 24 * 3600_000,
  reminderBeforeMs: 2 * 24 * 3600_000,
  escalationAfterMs: 7 * 24 * 3600_000,
  reportIntervalMs: 90 * 24 * 3600_000,
  implementationMs: 365 * 24 * 3600_000,
};
