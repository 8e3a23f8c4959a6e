const numbers = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const dates = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
const dateTimes = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

export const germanNumber = (value: number) => numbers.format(value);
export const germanDate = (value: string | Date) => dates.format(typeof value === 'string' ? new Date(value) : value);
export const germanDateTime = (value: string | Date) => dateTimes.format(typeof value === 'string' ? new Date(value) : value);
