import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { findImports, getImport, importView, restartImport } from '../use-cases/imports';
import { pathParam, queryOf } from './query';
import { plannersOnly } from './roles';

/** Reading and restarting imports; each kind's upload route lives with its slice (spaces, values). */
export function mountImportRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  router.get('/v1/imports', plannersOnly, async (req, res) => {
    res.json({ items: (await findImports(pool, queryOf(req, 'listImports'))).map(importView) });
  });
  router.get('/v1/imports/:id', plannersOnly, async (req, res) => {
    res.json(importView(await getImport(pool, pathParam(req, 'id'))));
  });
  router.post('/v1/imports/:id/restart', plannersOnly, async (req, res) => {
    res.status(202).json(importView(await restartImport(pool, jobs, pathParam(req, 'id'))));
  });
}
