import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import { INBOX_PAGE_SIZE, INBOX_REFRESH_MS, type InboxSearch } from './inbox-search';

/** One page of the inbox; refreshes by itself, so new tasks appear without a reload. */
export function useInbox(search: InboxSearch) {
  const api = useApi();
  return useQuery({
    queryKey: ['tasks', 'list', search],
    queryFn: () =>
      unwrap(
        api.strategy.GET('/v1/tasks', {
          params: {
            query: {
              scope: search.view,
              space: search.space,
              type: search.type as never,
              phase: search.phase,
              due: search.due,
              assigned: search.assigned,
              sort: search.sort,
              limit: INBOX_PAGE_SIZE,
              offset: (search.page - 1) * INBOX_PAGE_SIZE,
            },
          },
        }),
      ),
    refetchInterval: INBOX_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

/** The badges: open tasks per view, overdue, unassigned, escalated. */
export function useInboxCounts() {
  const api = useApi();
  return useQuery({ queryKey: ['tasks', 'counts'], queryFn: () => unwrap(api.strategy.GET('/v1/tasks/counts')), refetchInterval: INBOX_REFRESH_MS });
}
