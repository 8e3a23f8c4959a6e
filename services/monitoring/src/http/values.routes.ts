import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { importView } from '../use-cases/imports';
import { submitValueImport } from '../use-cases/value-import';
import { mountExportRoutes } from './exports.routes';
import { mountIndicatorRoutes } from './indicators.routes';
import { plannersOnly } from './roles';

/** Catalogue, releases, value imports and exports. */
export function mountValuesRoutes(router: Router, deps: MonitoringDependencies): void {
  mountIndicatorRoutes(router, deps);
  router.post('/v1/imports/values', plannersOnly, async (req, res) => {
    const record = await submitValueImport(deps.pool, deps.jobs, req.body, principalOf(req), req.get('Idempotency-Key'));
    res.status(202).location(`/v1/imports/${record.id}`).json(importView(record));
  });
  mountExportRoutes(router, deps);
}
