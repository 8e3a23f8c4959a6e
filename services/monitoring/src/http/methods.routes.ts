import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { createMethod, jobStatus, methodDetail, methodsList, requestRecomputation } from '../use-cases/methods';
import { methodResults } from '../use-cases/methods-results';
import { bodyOf, pathParam, queryOf } from './query';
import { plannersOnly } from './roles';

export function mountMethodsRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  router.get('/v1/methods', async (_req, res) => {
    res.json({ items: await methodsList(pool) });
  });
  router.post('/v1/methods', plannersOnly, async (req, res) => {
    const created = await createMethod(pool, bodyOf(req, 'createMethod'), principalOf(req));
    res.status(201).location(`/v1/methods/${created.key}/${created.version}`).json(created);
  });
  router.get('/v1/methods/:key/:version', async (req, res) => {
    res.json(await methodDetail(pool, pathParam(req, 'key'), pathParam(req, 'version')));
  });
  router.post('/v1/methods/:key/:version/recompute', plannersOnly, async (req, res) => {
    const job = await requestRecomputation(pool, jobs, pathParam(req, 'key'), pathParam(req, 'version'));
    res.status(202).location(`/v1/jobs/${encodeURIComponent(job.id)}`).json(job);
  });
  router.get('/v1/methods/:key/:version/results', async (req, res) => {
    res.json(await methodResults(pool, principalOf(req), pathParam(req, 'key'), pathParam(req, 'version'), queryOf(req, 'getMethodResults').period));
  });
  router.get('/v1/jobs/:id', async (req, res) => {
    res.json(await jobStatus(pool, jobs, pathParam(req, 'id')));
  });
}
