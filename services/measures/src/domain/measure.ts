import type { FieldError } from '@sozialraum/kit';
import type { MeasureStatus } from '@sozialraum/contracts';

export type TrafficLight = 'green' | 'yellow' | 'red';

/** A measure as the overview lists it, with what is derived at read time (overdue milestones, a missing report). */
export interface ListedMeasure {
  id: string;
  title: string;
  cycleId: string | null;
  spaces: string[];
  targetGroups: string[];
  department: string;
  budgetPlanned: number | null;
  budgetApproved: number | null;
  budgetSpent: number | null;
  fundingSource: string | null;
  startsOn: string | null;
  endsOn: string | null;
  status: MeasureStatus;
  trafficLight: TrafficLight | null;
  lastReportOn: string | null;
  overdueMilestones: number;
  reportMissing: boolean;
}

/** Dates are ISO calendar dates (YYYY-MM-DD), so they compare as text. */
export function checkPeriod(startsOn: string | null | undefined, endsOn: string | null | undefined): FieldError[] {
  if (!startsOn || !endsOn || endsOn >= startsOn) return [];
  return [{ pointer: '/body/endsOn', detail: `ends before it starts (${endsOn} < ${startsOn})` }];
}

/** A status report tells what has happened: its date cannot lie after today. */
export function checkReportDate(date: string, today: string): FieldError[] {
  return date > today ? [{ pointer: '/body/date', detail: `lies in the future (${date}, today is ${today})` }] : [];
}

