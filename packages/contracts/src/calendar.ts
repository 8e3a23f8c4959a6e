/** The city's time zone: calendar days (report dates, validity, "today") are days in the city, not in UTC. */
export const CITY_TIME_ZONE = 'Europe/Berlin';

/** Today (or the day of `now`) in the city, as an ISO calendar date (YYYY-MM-DD). */
export const cityToday = (now = new Date()): string => new Intl.DateTimeFormat('sv-SE', { timeZone: CITY_TIME_ZONE }).format(now);
