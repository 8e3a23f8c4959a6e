import { AppError, problems, type ServiceClient } from '@sozialraum/kit';
import type { SpaceChange } from '../domain/evaluation';
import type { ProfileAlert, ProfileIndicator } from '../domain/gaps';

/**
 * What this service reads from the monitoring service (its OpenAPI contract), called with the service's own
 * client-credentials token. Values come as the monitoring service protects them: suppressed ones are null.
 */
export interface MonitoringApi {
  /** The currently valid space of the type containing the point; undefined when there is none. */
  locate(lon: number, lat: number, type: string): Promise<{ code: string; name: string } | undefined>;
  /** Change per space of one indicator between two periods. */
  indicatorChange(key: string, from: string, to: string, type?: string): Promise<SpaceChange[]>;
  profile(code: string): Promise<{ space: { code: string; name: string }; indicators: ProfileIndicator[]; alerts: ProfileAlert[] }>;
  /** The catalogue's target groups per indicator. */
  targetGroups(): Promise<Map<string, string[]>>;
}

interface ChangeBody {
  items: Array<{ spaceCode: string; spaceName?: string; from: { value: number | null }; to: { value: number | null }; change: number | null }>;
}

/** Turns "the monitoring service cannot be reached" (or did not answer in time) into a problem the caller can act on. */
async function reach<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError && error.status !== 503) throw error;
    const retryAfterSeconds = error instanceof AppError ? error.retryAfterSeconds : undefined;
    throw problems.unavailable(`The monitoring service could not be reached to ${what}; try again in a moment.`, retryAfterSeconds, error);
  }
}

const isNotFound = (error: unknown) => error instanceof AppError && error.status === 404;

export function monitoringApi(client: ServiceClient): MonitoringApi {
  return {
    locate: (lon, lat, type) =>
      reach('place the location in a space', async () => {
        const query = new URLSearchParams({ lon: String(lon), lat: String(lat), type });
        try {
          return await client<{ code: string; name: string }>('GET', `/v1/spaces/locate?${query}`);
        } catch (error) {
          if (isNotFound(error)) return undefined;
          throw error;
        }
      }),
    indicatorChange: (key, from, to, type) =>
      reach('read the observed change', async () => {
        const query = new URLSearchParams({ from, to, ...(type ? { type } : {}) });
        try {
          const body = await client<ChangeBody>('GET', `/v1/indicators/${encodeURIComponent(key)}/change?${query}`);
          return body.items.map((i) => ({ spaceCode: i.spaceCode, spaceName: i.spaceName, from: i.from.value, to: i.to.value, change: i.change }));
        } catch (error) {
          if (isNotFound(error)) {
            throw problems.unprocessable(`The monitoring service has no indicator "${key}"; correct the measure's indicators first.`, [
              { pointer: '/indicators', detail: `unknown indicator ${key}` },
            ]);
          }
          throw error;
        }
      }),
    profile: (code) =>
      reach('read the space profile', async () => {
        try {
          return await client('GET', `/v1/spaces/${encodeURIComponent(code)}/profile`);
        } catch (error) {
          if (isNotFound(error)) throw problems.notFound(`The monitoring service knows no space "${code}".`);
          throw error;
        }
      }),
    targetGroups: () =>
      reach('read the indicator catalogue', async () => {
        const body = await client<{ items: Array<{ key: string; targetGroups: string[] }> }>('GET', '/v1/indicators');
        return new Map(body.items.map((i) => [i.key, i.targetGroups]));
      }),
  };
}
