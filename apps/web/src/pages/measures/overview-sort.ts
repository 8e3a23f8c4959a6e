import { collator } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import type { MeasureSummary } from './measure-queries';
import { MEASURE_STATUSES, type OverviewSearch, type SortKey, TRAFFIC_LIGHTS } from './overview-search';

type Value = string | number | null;

/** What each column sorts by; null (nothing known) goes last whichever way. */
function sortValue(key: SortKey, m: MeasureSummary, spaceName: (code: string) => string): Value {
  switch (key) {
    case 'title':
      return m.title;
    case 'space':
      return m.spaces.map(spaceName).join(', ') || null;
    case 'department':
      return departmentLabel(m.department);
    case 'status':
      return MEASURE_STATUSES.indexOf(m.status);
    case 'trafficLight':
      return m.trafficLight ? TRAFFIC_LIGHTS.indexOf(m.trafficLight) : null;
    case 'progress':
      return m.progress;
    case 'overdue':
      return m.overdueMilestones;
    case 'report':
      // Missing reports first when descending (most pressing), then by the latest report's day.
      return m.reportMissing ? Number.MAX_SAFE_INTEGER : m.lastReportOn ? Date.parse(m.lastReportOn) : null;
    case 'planned':
      return m.budget.planned;
    case 'approved':
      return m.budget.approved;
    case 'spent':
      return m.budget.spent;
  }
}

export function parseSort(sort: OverviewSearch['sort']): { key: SortKey; descending: boolean } | undefined {
  if (!sort) return undefined;
  return { key: sort.replace(/^-/, '') as SortKey, descending: sort.startsWith('-') };
}

/** The list in the chosen order; without one, as the service sent it (most urgent first). Stable. */
export function sortMeasures(items: readonly MeasureSummary[], sort: OverviewSearch['sort'], spaceName: (code: string) => string = (c) => c): MeasureSummary[] {
  const order = parseSort(sort);
  if (!order) return [...items];
  const keyed = items.map((m, index) => ({ m, index, value: sortValue(order.key, m, spaceName) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
    const compared = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return (order.descending ? -compared : compared) || a.index - b.index;
  });
  return keyed.map((k) => k.m);
}

/** The next sort when a column's header is clicked: ascending first (numbers: largest first), then the other way. */
export function nextSort(current: OverviewSearch['sort'], key: SortKey): NonNullable<OverviewSearch['sort']> {
  const numeric: SortKey[] = ['progress', 'overdue', 'report', 'planned', 'approved', 'spent', 'trafficLight'];
  const order = parseSort(current);
  if (order?.key === key) return order.descending ? key : `-${key}`;
  return numeric.includes(key) ? `-${key}` : key;
}
