import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { changeIndicator, createIndicator, getIndicator, listIndicators, releasesView } from '../use-cases/indicators';
import { bodyOf, pathParam, queryOf } from './query';
import { plannersOnly } from './roles';

/** The indicator catalogue and the data releases. Keys may contain "/": clients send it as %2F. */
export function mountIndicatorRoutes(router: Router, { pool }: MonitoringDependencies): void {
  router.get('/v1/indicators', async (req, res) => {
    const { topic, targetGroup } = queryOf(req, 'listIndicators');
    res.json({ items: await listIndicators(pool, { topic, targetGroup }) });
  });
  router.post('/v1/indicators', plannersOnly, async (req, res) => {
    const created = await createIndicator(pool, bodyOf(req, 'createIndicator'));
    res.status(201).location(`/v1/indicators/${encodeURIComponent(created.key)}`).json(created);
  });
  router.get('/v1/indicators/:key', async (req, res) => {
    res.json(await getIndicator(pool, pathParam(req, 'key')));
  });
  router.patch('/v1/indicators/:key', plannersOnly, async (req, res) => {
    res.json(await changeIndicator(pool, pathParam(req, 'key'), bodyOf(req, 'updateIndicator')));
  });
  router.get('/v1/releases', async (_req, res) => {
    res.json({ items: await releasesView(pool) });
  });
}
