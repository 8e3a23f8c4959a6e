import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import type { components } from '../generated/api';
import { createMethod, jobStatus, methodDetail, methodsList, requestRecomputation } from '../use-cases/methods';
import { methodResults } from '../use-cases/methods-results';
import { mountAlertsRoutes } from './alerts.routes';
import { mountProfileRoutes } from './profile.routes';
import { plannersOnly } from './roles';

type Params = { key: string; version: string };

export function mountMethodsRoutes(router: Router, deps: MonitoringDependencies): void {
  const { pool, jobs } = deps;
  router.get('/v1/methods', async (_req, res) => {
    res.json({ items: await methodsList(pool) });
  });
  router.post('/v1/methods', plannersOnly, async (req, res) => {
    const created = await createMethod(pool, req.body as components['schemas']['MethodDefinition'], principalOf(req));
    res.status(201).location(`/v1/methods/${created.key}/${created.version}`).json(created);
  });
  router.get('/v1/methods/:key/:version', async (req, res) => {
    const { key, version } = req.params as Params;
    res.json(await methodDetail(pool, key, version));
  });
  router.post('/v1/methods/:key/:version/recompute', plannersOnly, async (req, res) => {
    const { key, version } = req.params as Params;
    const job = await requestRecomputation(pool, jobs, key, version);
    res.status(202).location(`/v1/jobs/${encodeURIComponent(job.id)}`).json(job);
  });
  router.get('/v1/methods/:key/:version/results', async (req, res) => {
    const { key, version } = req.params as Params;
    res.json(await methodResults(pool, principalOf(req), key, version, req.query.period as string | undefined));
  });
  router.get('/v1/jobs/:id', async (req, res) => {
    res.json(await jobStatus(pool, jobs, (req.params as { id: string }).id));
  });
  mountProfileRoutes(router, deps);
  mountAlertsRoutes(router, deps);
}
