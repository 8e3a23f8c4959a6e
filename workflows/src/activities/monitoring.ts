import { createServiceClient, createServiceTokenProvider } from '@sozialraum/kit';

/** The part of the monitoring service's space profile the cycle reads (GET /v1/spaces/{code}/profile). */
export interface SpaceProfile {
  space: { code: string; name?: string };
  indicators: Array<{
    key: string;
    name: string;
    unit?: string;
    polarity?: 'higher-is-worse' | 'higher-is-better' | 'neutral';
    points: Array<{ period: string; value: { value: number | null; suppressed: boolean } }>;
  }>;
  classHistory?: unknown[];
  alerts?: unknown[];
}

/** What the activities need from the monitoring service; narrow, so tests can point it at a stub server. */
export interface MonitoringClient {
  profile(spaceCode: string): Promise<SpaceProfile>;
  handOverAlert(alertId: number, cycleReference: string): Promise<void>;
}

export interface MonitoringClientOptions {
  baseUrl: string;
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}

/** Calls the monitoring API with the worker's own client-credentials token (client svc-workflows). */
export function createMonitoringClient(options: MonitoringClientOptions): MonitoringClient {
  const call = createServiceClient({
    baseUrl: options.baseUrl,
    token: createServiceTokenProvider({
      keycloakUrl: options.keycloakUrl,
      realm: options.realm,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
    }),
  });
  return {
    profile: (spaceCode) => call<SpaceProfile>('GET', `/v1/spaces/${encodeURIComponent(spaceCode)}/profile`),
    handOverAlert: async (alertId, cycleReference) => {
      await call('POST', `/v1/alerts/${alertId}/hand-over`, { cycleReference });
    },
  };
}
