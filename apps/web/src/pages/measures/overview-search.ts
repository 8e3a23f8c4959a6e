import { TARGET_GROUPS } from '@sozialraum/contracts/browser';
import { z } from 'zod';
import type { components, operations } from '../../generated/measures';

export type MeasureStatus = components['schemas']['MeasureStatus'];
export type TrafficLight = components['schemas']['TrafficLight'];
export type TargetGroup = components['schemas']['TargetGroup'];
export type OverviewQuery = NonNullable<operations['getOverview']['parameters']['query']>;

/** In the order of a measure's life, for filters, counts and sorting. */
export const MEASURE_STATUSES: MeasureStatus[] = ['proposed', 'returned', 'approved', 'in-progress', 'paused', 'completed', 'cancelled', 'rejected'];
export const TRAFFIC_LIGHTS: TrafficLight[] = ['green', 'yellow', 'red'];

/** The table's sort keys; a leading "-" sorts descending. Without one, the list keeps the service's order (most urgent first). */
export const SORT_KEYS = ['title', 'space', 'department', 'status', 'trafficLight', 'progress', 'overdue', 'report', 'planned', 'approved', 'spent'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
const SORTS = SORT_KEYS.flatMap((key) => [key, `-${key}`]) as [string, ...string[]];

const CODE = /^[A-Za-z0-9_.-]{1,80}$/;
const DEPARTMENT = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * A filter of several values as the API takes it: comma-separated (`status=approved,in-progress`). Values that
 * cannot be right are dropped, so an edited address still shows a list rather than an error.
 */
const list = (valid: (value: string) => boolean) =>
  z
    .string()
    .max(2000)
    .optional()
    .transform((value) => joinList(splitList(value).filter(valid)))
    .catch(undefined);

const oneOf = (values: readonly string[]) => (value: string) => values.includes(value);

/** The overview's filters, sort and page live in the address, so a view can be bookmarked and shared. Bad values fall back. */
export const overviewSearch = z.object({
  space: list((v) => CODE.test(v)),
  mySpaces: z.boolean().optional().catch(undefined),
  department: list((v) => DEPARTMENT.test(v)),
  status: list(oneOf(MEASURE_STATUSES)),
  trafficLight: list(oneOf(TRAFFIC_LIGHTS)),
  targetGroup: list(oneOf(TARGET_GROUPS)),
  cycle: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$/).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).default(1).catch(1),
});
export type OverviewSearch = z.infer<typeof overviewSearch>;

export const splitList = (value: string | undefined): string[] => [...new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean))];
export const joinList = (values: readonly string[]): string | undefined => (values.length > 0 ? [...new Set(values)].join(',') : undefined);

/** What the filter form edits: one list per filter. */
export interface OverviewFilters {
  spaces: string[];
  mySpaces: boolean;
  departments: string[];
  statuses: MeasureStatus[];
  trafficLights: TrafficLight[];
  targetGroups: TargetGroup[];
  cycle: string;
}

export function filtersFromSearch(search: OverviewSearch): OverviewFilters {
  return {
    spaces: splitList(search.space),
    mySpaces: search.mySpaces === true,
    departments: splitList(search.department),
    statuses: splitList(search.status) as MeasureStatus[],
    trafficLights: splitList(search.trafficLight) as TrafficLight[],
    targetGroups: splitList(search.targetGroup) as TargetGroup[],
    cycle: search.cycle ?? '',
  };
}

/** The address of a filter: empty filters leave the address; a new filter starts on page 1 and keeps the sort. */
export function searchFromFilters(filters: OverviewFilters, sort?: OverviewSearch['sort']): OverviewSearch {
  return {
    space: joinList(filters.spaces),
    mySpaces: filters.mySpaces || undefined,
    department: joinList(filters.departments),
    status: joinList(filters.statuses),
    trafficLight: joinList(filters.trafficLights),
    targetGroup: joinList(filters.targetGroups),
    cycle: filters.cycle || undefined,
    sort,
    page: 1,
  };
}

/** The filters as the overview and the export take them (sort and page are the table's business). */
export function overviewQuery(search: OverviewSearch): OverviewQuery {
  const f = filtersFromSearch(search);
  const query: OverviewQuery = {};
  if (f.spaces.length) query.space = f.spaces;
  if (f.mySpaces) query.mySpaces = true;
  if (f.departments.length) query.department = f.departments;
  if (f.statuses.length) query.status = f.statuses;
  if (f.trafficLights.length) query.trafficLight = f.trafficLights;
  if (f.targetGroups.length) query.targetGroup = f.targetGroups;
  if (f.cycle) query.cycle = f.cycle;
  return query;
}

/** How many filters are set, for the summary of the filter form. */
export const activeFilterCount = (search: OverviewSearch): number => Object.keys(overviewQuery(search)).length;

export const OVERVIEW_PAGE_SIZE = 25;
