import { problems } from '@sozialraum/kit';
import type { Router } from 'express';
import { locateSpaceId } from '../data/locate.repository';
import { findSpaceById } from '../data/spaces.repository';
import type { MonitoringDependencies } from '../dependencies';
import { spaceView, today } from '../use-cases/spaces';

/**
 * Which space a point lies in (the measures service places offers with it). Mounted before the spaces routes,
 * so "locate" is not taken for a space code.
 */
export function mountLocateRoutes(router: Router, { pool }: MonitoringDependencies): void {
  router.get('/v1/spaces/locate', async (req, res) => {
    const { lon, lat, type, at } = req.query as { lon: string; lat: string; type?: string; at?: string };
    const point = { lon: Number(lon), lat: Number(lat), at: at ?? today(), ...(type ? { type } : {}) };
    const id = await locateSpaceId(pool, point);
    const space = id === undefined ? undefined : await findSpaceById(pool, id);
    if (!space) {
      throw problems.notFound(`No ${type ?? 'space'} valid on ${point.at} contains the point (${point.lon}, ${point.lat}); check that longitude and latitude are WGS84 and not swapped.`);
    }
    res.json(spaceView(space));
  });
}
