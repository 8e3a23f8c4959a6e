import { AppError, problems, type ServiceClient, typedServiceClient } from '@sozialraum/kit';
import type { SpaceChange } from '../domain/evaluation';
import type { ProfileAlert, ProfileIndicator } from '../domain/gaps';
import type { components, paths } from '../generated/monitoring';

type Monitoring = components['schemas'];
/** The monitoring service's space types. */
export type SpaceType = Monitoring['SpaceType'];

/**
 * What this service reads from the monitoring service (its OpenAPI contract, typed from its document), called
 * with the service's own client-credentials token. Values come as the monitoring service protects them:
 * suppressed ones are null.
 */
export interface MonitoringApi {
  /** The currently valid space of the type containing the point; undefined when there is none. */
  locate(lon: number, lat: number, type: SpaceType): Promise<Pick<Monitoring['Space'], 'code' | 'name'> | undefined>;
  /** Change per space of one indicator between two periods. */
  indicatorChange(key: string, from: string, to: string, type?: SpaceType): Promise<SpaceChange[]>;
  profile(code: string): Promise<{ space: Pick<Monitoring['Space'], 'code' | 'name'>; indicators: ProfileIndicator[]; alerts: ProfileAlert[] }>;
  /** The catalogue's target groups per indicator. */
  targetGroups(): Promise<Map<string, string[]>>;
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
  const monitoring = typedServiceClient<paths>(client);
  return {
    locate: (lon, lat, type) =>
      reach('place the location in a space', async () => {
        try {
          return await monitoring.get('/v1/spaces/locate', { query: { lon, lat, type } });
        } catch (error) {
          if (isNotFound(error)) return undefined;
          throw error;
        }
      }),
    indicatorChange: (key, from, to, type) =>
      reach('read the observed change', async () => {
        try {
          const body = await monitoring.get('/v1/indicators/{key}/change', { path: { key }, query: { from, to, type } });
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
          return await monitoring.get('/v1/spaces/{code}/profile', { path: { code } });
        } catch (error) {
          if (isNotFound(error)) throw problems.notFound(`The monitoring service knows no space "${code}".`);
          throw error;
        }
      }),
    targetGroups: () =>
      reach('read the indicator catalogue', async () => {
        const body = await monitoring.get('/v1/indicators', {});
        return new Map(body.items.map((i) => [i.key, i.targetGroups]));
      }),
  };
}
