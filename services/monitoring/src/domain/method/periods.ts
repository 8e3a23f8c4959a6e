/** The same period n years earlier: '2023' → '2021', '2023-12-31' → '2021-12-31'. */
export function shiftPeriod(period: string, years: number): string {
  return `${String(Number(period.slice(0, 4)) - years).padStart(4, '0')}${period.slice(4)}`;
}
