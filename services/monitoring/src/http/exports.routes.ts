import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { type ExportQuery, exportValues } from '../use-cases/exports';

export function mountExportRoutes(router: Router, { pool }: MonitoringDependencies): void {
  router.get('/v1/exports/values', async (req, res) => {
    const file = await exportValues(pool, principalOf(req), req.query as unknown as ExportQuery);
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  });
}
