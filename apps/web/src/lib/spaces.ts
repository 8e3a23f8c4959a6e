import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../api/client';
import { useApi } from '../api/context';
import { byGerman } from './format';

/** The social spaces by code, for names in lists and for filters. */
export function useSpaces() {
  const api = useApi();
  return useQuery({
    queryKey: ['spaces', 'social-space'],
    queryFn: async () => (await unwrap(api.monitoring.GET('/v1/spaces', { params: { query: { type: 'social-space' } } }))).items.sort(byGerman((s) => s.name)),
    staleTime: 10 * 60_000,
  });
}

/** "03 Nordstadt" for STGT03, or the code while names load. */
export function useSpaceName(): (code: string) => string {
  const spaces = useSpaces();
  return (code) => spaces.data?.find((s) => s.code === code)?.name ?? code;
}
