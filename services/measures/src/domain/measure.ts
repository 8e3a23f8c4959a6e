import type { FieldError } from '@sozialraum/kit';

/** Dates are ISO calendar dates (YYYY-MM-DD), so they compare as text. */
export function checkPeriod(startsOn: string | null | undefined, endsOn: string | null | undefined): FieldError[] {
  if (!startsOn || !endsOn || endsOn >= startsOn) return [];
  return [{ pointer: '/body/endsOn', detail: `ends before it starts (${endsOn} < ${startsOn})` }];
}

/** A status report tells what has happened: its date cannot lie after today. */
export function checkReportDate(date: string, today: string): FieldError[] {
  return date > today ? [{ pointer: '/body/date', detail: `lies in the future (${date}, today is ${today})` }] : [];
}

/** Today as a local calendar date. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
