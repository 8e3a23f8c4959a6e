import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { locateSpace, spaceView } from '../use-cases/spaces';
import { queryOf } from './query';

/**
 * Which space a point lies in (the measures service places offers with it). Mounted before the spaces routes,
 * so "locate" is not taken for a space code.
 */
export function mountLocateRoutes(router: Router, { pool }: MonitoringDependencies): void {
  router.get('/v1/spaces/locate', async (req, res) => {
    res.json(spaceView(await locateSpace(pool, queryOf(req, 'locateSpace'))));
  });
}
