/**
 * The status machine of a measure. Only these transitions exist; everything else is refused with the list of
 * transitions possible from the current status.
 */
export const MEASURE_STATUSES = ['proposed', 'approved', 'rejected', 'returned', 'in-progress', 'paused', 'completed', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

const transitions: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  proposed: ['approved', 'rejected', 'returned'],
  returned: ['proposed'],
  approved: ['in-progress'],
  'in-progress': ['completed', 'paused', 'cancelled'],
  paused: ['in-progress'],
  rejected: [],
  completed: [],
  cancelled: [],
};

/** Where a proposal goes by the committee's decision (`decide-package`): the transitions from 'proposed'. */
export const DECIDED_STATUS = { approve: 'approved', reject: 'rejected', return: 'returned' } as const satisfies Record<string, MeasureStatus>;
export type DecidedStatus = (typeof DECIDED_STATUS)[keyof typeof DECIDED_STATUS];

/** A reason is required where the decision or the change needs explaining. */
export const REASON_REQUIRED: readonly MeasureStatus[] = ['rejected', 'returned', 'paused', 'cancelled'];

/** Nothing more happens to a measure in these; a cycle whose measures are all here is finished with them. */
export const FINAL_STATUSES: readonly MeasureStatus[] = ['completed', 'cancelled', 'rejected'];

/** Work is under way or done: status reports can be filed. */
export const REPORTABLE_STATUSES: readonly MeasureStatus[] = ['approved', 'in-progress', 'paused', 'completed'];

/** Work has started: there is something to evaluate. */
export const EVALUABLE_STATUSES: readonly MeasureStatus[] = ['in-progress', 'paused', 'completed', 'cancelled'];

/** Not finished and not refused: the measure still addresses its target groups. */
export const OPEN_STATUSES: readonly MeasureStatus[] = ['proposed', 'returned', 'approved', 'in-progress', 'paused'];

export function allowedTransitions(from: MeasureStatus): MeasureStatus[] {
  return [...transitions[from]];
}

/** Decisions on a proposal (approve, reject, return) are the committee's and the planners'; the rest is the work itself. */
export function isDecision(from: MeasureStatus): boolean {
  return from === 'proposed';
}

export type TransitionVerdict =
  | { ok: true }
  | { ok: false; problem: 'forbidden'; allowed: MeasureStatus[] }
  | { ok: false; problem: 'reason-required' };

export function checkTransition(from: MeasureStatus, to: MeasureStatus, reason: string | undefined): TransitionVerdict {
  const allowed = allowedTransitions(from);
  if (!allowed.includes(to)) return { ok: false, problem: 'forbidden', allowed };
  if (REASON_REQUIRED.includes(to) && !reason?.trim()) return { ok: false, problem: 'reason-required' };
  return { ok: true };
}

/**
 * The next status on the shortest way from `from` to `to` by the transitions above; undefined when there is none.
 * A way taken for someone else (the cycle) takes at most the one `decision` it names on a proposal and never goes
 * back to a proposal: re-proposing is the department's.
 */
export function nextStatusToward(from: MeasureStatus, to: MeasureStatus, decision?: DecidedStatus): MeasureStatus | undefined {
  const firstSteps = new Map<MeasureStatus, MeasureStatus>();
  const queue: MeasureStatus[] = [from];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const next of transitions[at]) {
      if (next === 'proposed' || (isDecision(at) && next !== decision) || next === from || firstSteps.has(next)) continue;
      const first = firstSteps.get(at) ?? next;
      if (next === to) return first;
      firstSteps.set(next, first);
      queue.push(next);
    }
  }
  return undefined;
}

export const isFinal = (status: MeasureStatus): boolean => FINAL_STATUSES.includes(status);

/** A cycle is finished with its measures when it has some and every one is final. */
export function allFinished(statuses: readonly MeasureStatus[]): boolean {
  return statuses.length > 0 && statuses.every(isFinal);
}
