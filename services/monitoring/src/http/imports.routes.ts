import { problems } from '@sozialraum/kit';
import type { Router } from 'express';
import { findImport, type ImportStatus, listImports } from '../data/imports.repository';
import type { MonitoringDependencies } from '../dependencies';
import { importView, restartImport } from '../use-cases/imports';
import { plannersOnly } from './roles';

/** Reading and restarting imports; each kind's upload route lives with its slice (spaces, values). */
export function mountImportRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  router.get('/v1/imports', plannersOnly, async (req, res) => {
    const items = await listImports(pool, { status: req.query.status as ImportStatus | undefined, limit: Number(req.query.limit ?? 50) });
    res.json({ items: items.map(importView) });
  });
  router.get('/v1/imports/:id', plannersOnly, async (req, res) => {
    const record = await findImport(pool, req.params.id as string);
    if (!record) throw problems.notFound(`There is no import ${req.params.id}.`);
    res.json(importView(record));
  });
  router.post('/v1/imports/:id/restart', plannersOnly, async (req, res) => {
    res.status(202).json(importView(await restartImport(pool, jobs, req.params.id as string)));
  });
}
