import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { changeIndicator, createIndicator, getIndicator, listIndicators, releasesView } from '../use-cases/indicators';
import { plannersOnly } from './roles';

/** The indicator catalogue and the data releases. Keys may contain "/": clients send it as %2F. */
export function mountIndicatorRoutes(router: Router, { pool }: MonitoringDependencies): void {
  router.get('/v1/indicators', async (req, res) => {
    res.json({ items: await listIndicators(pool, { topic: req.query.topic as string | undefined, targetGroup: req.query.targetGroup as string | undefined }) });
  });
  router.post('/v1/indicators', plannersOnly, async (req, res) => {
    const created = await createIndicator(pool, req.body);
    res.status(201).location(`/v1/indicators/${encodeURIComponent(created.key)}`).json(created);
  });
  router.get('/v1/indicators/:key', async (req, res) => {
    res.json(await getIndicator(pool, req.params.key as string));
  });
  router.patch('/v1/indicators/:key', plannersOnly, async (req, res) => {
    res.json(await changeIndicator(pool, req.params.key as string, req.body));
  });
  router.get('/v1/releases', async (_req, res) => {
    res.json({ items: await releasesView(pool) });
  });
}
