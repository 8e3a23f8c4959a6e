import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { assertDirectExport, exportFile, exportJobView, ownExportJob, requestExportJob } from '../use-cases/export-jobs';
import { type ExportQuery, exportValues } from '../use-cases/exports';

export function mountExportRoutes(router: Router, { pool, jobs, config }: MonitoringDependencies): void {
  router.get('/v1/exports/values', async (req, res) => {
    const query = req.query as unknown as ExportQuery;
    await assertDirectExport(pool, query, config.EXPORT_DIRECT_MAX_VALUES);
    const file = await exportValues(pool, principalOf(req), query);
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  });
  router.post('/v1/exports', async (req, res) => {
    const job = await requestExportJob(pool, jobs, principalOf(req), req.body as ExportQuery);
    res.status(202).location(`/v1/exports/${job.id}`).json(exportJobView(job));
  });
  router.get('/v1/exports/:id', async (req, res) => {
    res.json(exportJobView(await ownExportJob(pool, req.params.id as string, principalOf(req))));
  });
  router.get('/v1/exports/:id/file', async (req, res) => {
    const file = await exportFile(pool, req.params.id as string, principalOf(req));
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  });
}
