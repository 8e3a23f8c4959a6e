import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import type { components } from '../../generated/measures';
import { type OverviewQuery } from './overview-search';

export type Measure = components['schemas']['Measure'];
export type MeasureSummary = components['schemas']['MeasureSummary'];
export type Overview = components['schemas']['Overview'];
export type GroupFigures = components['schemas']['GroupFigures'];
export type StatusReport = components['schemas']['StatusReport'];
export type AuditEntry = components['schemas']['AuditEntry'];
export type Evaluation = components['schemas']['Evaluation'];
export type TransitionInput = components['schemas']['TransitionInput'];
export type StatusReportInput = components['schemas']['StatusReportInput'];
export type EvaluationInput = components['schemas']['EvaluationInput'];
export type MilestoneInput = components['schemas']['MilestoneInput'];

/** The most the overview answers at once; the whole list is read page by page, so the table can sort all of it. */
const CHUNK = 500;
/** Enough for a city's measures; beyond that the page says to filter or export. */
export const OVERVIEW_MAX_ITEMS = 5000;

/**
 * The overview of the measures the filter selects: figures, and the whole list (read in chunks), which the
 * table sorts and pages in the browser. The service caches answers, so reading again costs little.
 */
export function useOverview(query: OverviewQuery, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['measures', 'overview', query],
    queryFn: async () => {
      const first = await unwrap(api.measures.GET('/v1/overview', { params: { query: { ...query, limit: CHUNK } } }));
      const items = [...first.items];
      while (items.length < Math.min(first.total, OVERVIEW_MAX_ITEMS)) {
        const next = await unwrap(api.measures.GET('/v1/overview', { params: { query: { ...query, limit: CHUNK, offset: items.length } } }));
        if (next.items.length === 0) break;
        items.push(...next.items);
      }
      return { ...first, items };
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMeasure(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['measures', 'one', id], queryFn: () => unwrap(api.measures.GET('/v1/measures/{id}', { params: { path: { id } } })) });
}

export function useReports(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['measures', 'reports', id], queryFn: () => unwrap(api.measures.GET('/v1/measures/{id}/reports', { params: { path: { id } } })) });
}

export function useAudit(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['measures', 'audit', id], queryFn: () => unwrap(api.measures.GET('/v1/measures/{id}/audit', { params: { path: { id } } })) });
}

/** The strategy cycles, for the filter: "08 Sandberg, Zyklus 1". */
export function useCycles() {
  const api = useApi();
  return useQuery({ queryKey: ['cycles', 'list'], queryFn: () => unwrap(api.strategy.GET('/v1/cycles', { params: { query: { limit: 200 } } })), staleTime: 5 * 60_000 });
}

/**
 * The changes a measure page offers. Each answers the changed measure (or refreshes it), then refreshes what
 * depends on it: reports, audit trail and the overview.
 */
export function useMeasureActions(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const path = { params: { path: { id } } };
  // The answer shows at once; the rest refreshes behind it, so the form is done (and cleared) before anyone types again.
  const changed = (measure?: Measure) => {
    if (measure) queryClient.setQueryData(['measures', 'one', id], measure);
    void queryClient.invalidateQueries({ queryKey: ['measures'] });
  };
  return {
    transition: useMutation({
      mutationFn: (input: TransitionInput) => unwrap(api.measures.POST('/v1/measures/{id}/transitions', { ...path, body: input })),
      onSuccess: changed,
      // A stale version or a status someone else changed: show what is true now.
      onError: () => changed(),
    }),
    fileReport: useMutation({
      mutationFn: ({ input, key }: { input: StatusReportInput; key: string }) =>
        unwrap(api.measures.POST('/v1/measures/{id}/reports', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body: input })),
      onSuccess: () => changed(),
    }),
    evaluate: useMutation({
      mutationFn: (input: EvaluationInput) => unwrap(api.measures.POST('/v1/measures/{id}/evaluation', { ...path, body: input })),
      onSuccess: () => changed(),
    }),
    addMilestone: useMutation({
      mutationFn: (input: MilestoneInput) => unwrap(api.measures.POST('/v1/measures/{id}/milestones', { ...path, body: input })),
      onSuccess: changed,
    }),
    setMilestoneDone: useMutation({
      mutationFn: ({ milestoneId, doneOn }: { milestoneId: string; doneOn: string | null }) =>
        unwrap(api.measures.PATCH('/v1/measures/{id}/milestones/{milestoneId}', { params: { path: { id, milestoneId } }, body: { doneOn } })),
      onSuccess: changed,
    }),
  };
}
