/** A normalised period: a year "2022" or a day "2020-12-31". */
export type Period = string;

const YEAR = /^(1[89]|2[01])\d\d$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Accepts 2022, "2022", "31.12.2020", "2020-12-31" and (from XLSX) dates; null when not a period. */
export function normalisePeriod(raw: string | number | Date | null | undefined): Period | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return isoDay(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  const text = String(raw).trim();
  if (YEAR.test(text)) return text;
  const german = GERMAN_DATE.exec(text);
  if (german) return isoDay(Number(german[3]), Number(german[2]), Number(german[1]));
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

export function isYearPeriod(period: Period): boolean {
  return YEAR.test(period);
}

function isoDay(year: number, month: number, day: number): Period | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid && YEAR.test(String(year)) ? date.toISOString().slice(0, 10) : null;
}
