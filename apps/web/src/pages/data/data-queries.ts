import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import type { components } from '../../generated/monitoring';

type Schemas = components['schemas'];
export type Indicator = Schemas['Indicator'];
export type MethodVersion = Schemas['MethodVersion'];
export type MethodDefinition = Schemas['MethodDefinition'];
export type IndexRun = Schemas['IndexRun'];
export type IndexResult = Schemas['IndexResult'];
export type Job = Schemas['Job'];
export type MonitoringAlert = Schemas['Alert'];
export type AlertStatus = Schemas['AlertStatus'];
export type TargetGroup = Schemas['TargetGroup'];

export function useIndicators(filter: { topic?: string; targetGroup?: TargetGroup } = {}) {
  const api = useApi();
  return useQuery({ queryKey: ['indicators', filter], queryFn: () => unwrap(api.monitoring.GET('/v1/indicators', { params: { query: filter } })), staleTime: 5 * 60_000 });
}

export function useMethods() {
  const api = useApi();
  return useQuery({ queryKey: ['methods', 'list'], queryFn: () => unwrap(api.monitoring.GET('/v1/methods')) });
}

export function useMethod(key: string, version: string) {
  const api = useApi();
  return useQuery({ queryKey: ['methods', 'one', key, version], queryFn: () => unwrap(api.monitoring.GET('/v1/methods/{key}/{version}', { params: { path: { key, version } } })) });
}

/** Indices and classes per space for one period (the latest without one), from the newest run. */
export function useMethodResults(key: string, version: string, period: string | undefined, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['methods', 'results', key, version, period ?? 'latest'],
    queryFn: () => unwrap(api.monitoring.GET('/v1/methods/{key}/{version}/results', { params: { path: { key, version }, query: period ? { period } : {} } })),
    enabled,
  });
}

export function useCreateMethod() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: MethodDefinition) => unwrap(api.monitoring.POST('/v1/methods', { body: definition })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['methods'] }),
  });
}

export function useRecompute(key: string, version: string) {
  const api = useApi();
  return useMutation({ mutationFn: () => unwrap(api.monitoring.POST('/v1/methods/{key}/{version}/recompute', { params: { path: { key, version } } })) });
}

const FINISHED = ['completed', 'failed'];

/** A background job, asked again every half second until it has finished. */
export function useJob(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => unwrap(api.monitoring.GET('/v1/jobs/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data && FINISHED.includes(query.state.data.state) ? false : 500),
  });
}

export function useAlerts(filter: { status?: AlertStatus; space?: string } = {}, enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ['alerts', filter], queryFn: () => unwrap(api.monitoring.GET('/v1/alerts', { params: { query: filter } })), enabled });
}

/** Acknowledge or hand over an alert, each with a comment; the list refreshes behind it. */
export function useAlertActions() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['alerts'] });
  return {
    acknowledge: useMutation({
      mutationFn: ({ id, comment }: { id: number; comment?: string }) =>
        unwrap(api.monitoring.POST('/v1/alerts/{id}/acknowledge', { params: { path: { id } }, body: comment ? { comment } : {} })),
      onSettled: refresh,
    }),
    handOver: useMutation({
      mutationFn: ({ id, comment }: { id: number; comment: string }) => unwrap(api.monitoring.POST('/v1/alerts/{id}/hand-over', { params: { path: { id } }, body: { comment } })),
      onSettled: refresh,
    }),
  };
}
