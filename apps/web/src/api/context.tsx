import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import type { Api } from './client';
import { unwrap } from './client';
import type { components } from '../generated/monitoring';

const ApiContext = createContext<Api | undefined>(undefined);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export type Me = components['schemas']['Principal'];

/** The signed-in person as the services see them: roles, departments, committees, coordinated spaces. */
export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.monitoring.GET('/v1/me')), staleTime: 5 * 60_000 });
}

export const hasRole = (me: Me | undefined, role: string) => !!me?.roles.includes(role);
/** Planners and coordinators see every department's work. */
export const seesAllDepartments = (me: Me | undefined) => hasRole(me, 'planner') || hasRole(me, 'coordinator');
