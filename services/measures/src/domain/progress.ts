export interface ProgressInput {
  milestonesTotal: number;
  milestonesDone: number;
  /** The progress of the latest status report, if there is one. */
  reportedProgress: number | null;
}

export interface Progress {
  progress: number;
  source: 'milestones' | 'report' | 'none';
}

/** 0–100: done/total milestones where there are any, else the latest status report's progress, else 0. */
export function progressOf(input: ProgressInput): Progress {
  if (input.milestonesTotal > 0) {
    const done = Math.min(Math.max(input.milestonesDone, 0), input.milestonesTotal);
    return { progress: Math.round((100 * done) / input.milestonesTotal), source: 'milestones' };
  }
  if (input.reportedProgress !== null) return { progress: Math.min(100, Math.max(0, Math.round(input.reportedProgress))), source: 'report' };
  return { progress: 0, source: 'none' };
}
