import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import { byGerman } from '../../lib/format';
import type { MapFeature } from './map-classes';
import type { SpaceType } from './map-search';

export interface MapData {
  features: MapFeature[];
  /** The period each indicator's values come from, and the method and period of the classes. */
  periods?: Record<string, string | null>;
  method?: string | null;
  classPeriod?: string | null;
}

/** The spaces of one type with simplified outlines, the classes and the chosen indicator's values. */
export function useMapData(type: SpaceType, indicator: string | undefined, period: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['map', type, indicator, period],
    queryFn: async () =>
      (await unwrap(api.monitoring.GET('/v1/map', { params: { query: { type, simplify: true, ...(indicator ? { indicators: indicator } : {}), ...(period ? { period } : {}) } } }))) as unknown as MapData,
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
