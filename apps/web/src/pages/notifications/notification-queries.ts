import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';

export const NOTIFICATIONS_REFRESH_MS = 30_000;

export function useNotifications(options: { unread?: boolean; limit?: number; offset?: number } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications', options],
    queryFn: () => unwrap(api.strategy.GET('/v1/notifications', { params: { query: { unread: options.unread, limit: options.limit ?? 20, offset: options.offset ?? 0 } } })),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });
}

export function useMarkRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  return {
    one: useMutation({ mutationFn: (id: string) => unwrap(api.strategy.POST('/v1/notifications/{id}/read', { params: { path: { id } } })), onSettled: refresh }),
    all: useMutation({ mutationFn: () => unwrap(api.strategy.POST('/v1/notifications/read-all')), onSettled: refresh }),
  };
}

/** Where a notification leads inside the app: its task, else its cycle, else nowhere. */
export const notificationTarget = (n: { taskId: string | null; cycleId: string | null }) =>
  n.taskId ? `/aufgaben/${encodeURIComponent(n.taskId)}` : n.cycleId ? `/zyklen/${encodeURIComponent(n.cycleId)}` : undefined;
