import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import type { components } from '../../generated/strategy';
import type { Task } from '../tasks/task-queries';

export type Cycle = components['schemas']['Cycle'];
export type CycleSummary = components['schemas']['CycleSummary'];

/** The most one request lists; the board reads page by page up to a city's worth of cycles. */
const CHUNK = 200;
const BOARD_MAX = 2000;

/** Every cycle the server filter selects (space, department), with its open and overdue tasks; refreshed every minute. */
export function useBoardCycles(filter: { space?: string; department?: string }) {
  const api = useApi();
  return useQuery({
    queryKey: ['cycles', 'board', filter],
    queryFn: async () => {
      const items: CycleSummary[] = [];
      for (;;) {
        const page = await unwrap(api.strategy.GET('/v1/cycles', { params: { query: { ...filter, limit: CHUNK, offset: items.length } } }));
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= Math.min(page.total, BOARD_MAX)) return { items, total: page.total };
      }
    },
    refetchInterval: 60_000,
  });
}

/**
 * The cycle's tasks that are done or dropped (the open ones come with the cycle), for the timeline and the
 * reflection: every department's for planners and coordinators, else those of the reader's groups.
 */
export function useClosedCycleTasks(cycleId: string, seesAll: boolean, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['tasks', 'cycle', cycleId, seesAll],
    queryFn: async () => {
      const list = (status: 'completed' | 'cancelled') =>
        unwrap(api.strategy.GET('/v1/tasks', { params: { query: { cycle: cycleId, status, scope: seesAll ? 'all' : 'groups', limit: 200 } } }));
      const [completed, cancelled] = await Promise.all([list('completed'), list('cancelled')]);
      return [...completed.items, ...cancelled.items] as Task[];
    },
    enabled,
  });
}

/** The measures the cycle created in the measures service (department staff: their own department's). */
export function useCycleMeasures(cycleId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['measures', 'cycle', cycleId],
    queryFn: () => unwrap(api.measures.GET('/v1/measures', { params: { query: { cycle: cycleId, limit: 200 } } })),
  });
}

/** A new cycle for a space, optionally from a monitoring alert; one Idempotency-Key per attempt, so a double click starts one. */
export function useStartCycle() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ spaceCode, alertId, key }: { spaceCode: string; alertId?: number; key: string }) =>
      unwrap(api.strategy.POST('/v1/cycles', { params: { header: { 'Idempotency-Key': key } }, body: alertId ? { spaceCode, alertId } : { spaceCode } })),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['cycles'] }), queryClient.invalidateQueries({ queryKey: ['alerts'] })]),
  });
}

export type CycleCommand = 'suspend' | 'resume' | 'cancel';

/** Suspend, resume, cancel: the answer shows the new status at once; the rest of the page refreshes behind it. */
export function useCycleCommand(cycleId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const path = { params: { path: { id: cycleId } } };
  return useMutation({
    mutationFn: ({ command, reason }: { command: CycleCommand; reason?: string }) => {
      if (command === 'resume') return unwrap(api.strategy.POST('/v1/cycles/{id}/resume', path));
      const body = { reason: reason ?? '' };
      return unwrap(command === 'suspend' ? api.strategy.POST('/v1/cycles/{id}/suspend', { ...path, body }) : api.strategy.POST('/v1/cycles/{id}/cancel', { ...path, body }));
    },
    onSuccess: (cycle) => {
      queryClient.setQueryData(['cycles', 'one', cycleId], (old: object | undefined) => (old ? { ...old, status: cycle.status, statusReason: cycle.statusReason, finishedAt: cycle.finishedAt } : old));
    },
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['cycles'] }), queryClient.invalidateQueries({ queryKey: ['tasks'] })]),
  });
}

/** A fresh key for the next attempt of a start (kept per form, renewed after an answer). */
export const newIdempotencyKey = (): string => crypto.randomUUID();
