/** German formatting of what the app shows: one place, Intl de-DE, Europe/Berlin. */
import { CITY_TIME_ZONE as TIME_ZONE, cityToday } from '@sozialraum/contracts/browser';

const dateFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: TIME_ZONE });
const dateTimeFormat = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
const numberFormat = new Intl.NumberFormat('de-DE');
const euroFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const relativeFormat = new Intl.RelativeTimeFormat('de-DE', { numeric: 'auto' });
export const collator = new Intl.Collator('de-DE', { sensitivity: 'base', numeric: true });

/** A calendar date (`2027-01-31`) or a timestamp, as a German date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '–';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '–';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

export const formatNumber = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : numberFormat.format(value));
export const formatEuro = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : euroFormat.format(value));

/** "in 3 Tagen", "vor 2 Stunden", "morgen". */
export function formatRelative(value: string, now = Date.now()): string {
  const seconds = (new Date(value).getTime() - now) / 1000;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['day', 86_400], ['hour', 3_600], ['minute', 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'minute') return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(0, 'minute');
}

export const byGerman = <T>(key: (item: T) => string) => (a: T, b: T) => collator.compare(key(a), key(b));

/** Today as the Berlin calendar has it (`2026-11-24`): for date inputs, limits and file names. */
export const todayIso = cityToday;
