import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import { byGerman } from '../../lib/format';
import type { components } from '../../generated/monitoring';
import type { SpaceType } from './map-search';

export type MapOutlines = components['schemas']['MapOutlines'];
export type MapClasses = components['schemas']['MapClasses'];

/**
 * The outlines of one space type (simplified): no figures, so they are loaded once per type and kept — here for
 * ten minutes, in the browser's HTTP cache as the answer's Cache-Control says, then revalidated by ETag.
 */
export function useMapOutlines(type: SpaceType) {
  const api = useApi();
  return useQuery({
    queryKey: ['map-outlines', type],
    queryFn: async () => (await unwrap(api.monitoring.GET('/v1/map/outlines', { params: { query: { type, simplify: true } } }))) as MapOutlines,
    staleTime: 10 * 60_000,
  });
}

/** The classes and the chosen indicator's values of each space, by code: all that changing the view fetches. */
export function useMapClasses(type: SpaceType, indicator: string | undefined, period: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['map-classes', type, indicator, period],
    queryFn: async () => unwrap(api.monitoring.GET('/v1/map/classes', { params: { query: { type, ...(indicator ? { indicators: indicator } : {}), ...(period ? { period } : {}) } } })),
    staleTime: 5 * 60_000,
  });
}

export function useIndicators() {
  const api = useApi();
  return useQuery({
    queryKey: ['indicators'],
    queryFn: async () => (await unwrap(api.monitoring.GET('/v1/indicators'))).items.sort(byGerman((i) => i.name)),
    staleTime: 10 * 60_000,
  });
}

/** The periods an indicator has values in for a space type (from its series), newest first. */
export function useIndicatorPeriods(key: string | undefined, type: SpaceType) {
  const api = useApi();
  return useQuery({
    queryKey: ['indicator-periods', key, type],
    enabled: !!key,
    queryFn: async () => {
      const series = await unwrap(api.monitoring.GET('/v1/indicators/{key}/series', { params: { path: { key: key as string }, query: { type } } }));
      return [...new Set(series.cityMean.map((p) => p.period))].sort().reverse();
    },
    staleTime: 10 * 60_000,
  });
}
