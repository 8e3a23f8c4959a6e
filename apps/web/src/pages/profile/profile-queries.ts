import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import type { components } from '../../generated/monitoring';

export type Profile = components['schemas']['Profile'];

export function useProfile(code: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['profile', code],
    queryFn: () => unwrap(api.monitoring.GET('/v1/spaces/{code}/profile', { params: { path: { code } } })),
    retry: false,
  });
}

/** The space's offers, its running measures and its cycles, each as far as the person may see them. */
export function useSpaceActivity(code: string) {
  const api = useApi();
  const offers = useQuery({ queryKey: ['offers', code], queryFn: async () => (await unwrap(api.measures.GET('/v1/offers', { params: { query: { space: code } } }))).items, retry: false });
  const measures = useQuery({
    queryKey: ['measures', 'running', code],
    queryFn: async () => (await unwrap(api.measures.GET('/v1/measures', { params: { query: { space: [code], status: ['approved', 'in-progress', 'paused'], limit: 100 } } }))).items,
    retry: false,
  });
  const cycles = useQuery({ queryKey: ['cycles', code], queryFn: async () => (await unwrap(api.strategy.GET('/v1/cycles', { params: { query: { space: code, limit: 50 } } }))).items, retry: false });
  return { offers, measures, cycles };
}
