import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import type { components } from '../../generated/strategy';

export type Task = components['schemas']['Task'];
export type CycleDetail = components['schemas']['CycleDetail'];

const path = (id: string) => ({ params: { path: { id } } });

export function useTask(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks', 'one', id], queryFn: () => unwrap(api.strategy.GET('/v1/tasks/{id}', path(id))), retry: (n, e) => n < 1 && !(e instanceof Error && 'status' in e && (e as { status: number }).status === 404) });
}

export function useCycle(id: string | undefined) {
  const api = useApi();
  return useQuery({ queryKey: ['cycles', 'one', id], queryFn: () => unwrap(api.strategy.GET('/v1/cycles/{id}', path(id!))), enabled: !!id });
}

export function useComments(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks', 'comments', id], queryFn: () => unwrap(api.strategy.GET('/v1/tasks/{id}/comments', path(id))) });
}

export function useHistory(id: string) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks', 'history', id], queryFn: () => unwrap(api.strategy.GET('/v1/tasks/{id}/history', path(id))) });
}

export function useCandidates(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks', 'candidates', id], queryFn: () => unwrap(api.strategy.GET('/v1/tasks/{id}/candidates', path(id))), enabled, staleTime: 60_000 });
}

/** Claim, give back, delegate, comment and complete; each refreshes what it changes. */
export function useTaskActions(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['tasks'] });
  return {
    claim: useMutation({ mutationFn: () => unwrap(api.strategy.POST('/v1/tasks/{id}/claim', path(id))), onSettled: refresh }),
    unclaim: useMutation({ mutationFn: () => unwrap(api.strategy.POST('/v1/tasks/{id}/unclaim', path(id))), onSettled: refresh }),
    delegate: useMutation({
      mutationFn: (userId: string) => unwrap(api.strategy.POST('/v1/tasks/{id}/delegate', { ...path(id), body: { userId } })),
      onSettled: refresh,
    }),
    comment: useMutation({
      mutationFn: (text: string) => unwrap(api.strategy.POST('/v1/tasks/{id}/comments', { ...path(id), body: { text } })),
      onSettled: refresh,
    }),
    complete: useMutation({
      mutationFn: (result: unknown) => unwrap(api.strategy.POST('/v1/tasks/{id}/complete', { ...path(id), body: { result: result as Record<string, unknown> } })),
      onSettled: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['cycles'] }), queryClient.invalidateQueries({ queryKey: ['measures'] })]),
    }),
  };
}
