import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { assertDirectExport, exportFile, exportJobView, ownExportJob, requestExportJob } from '../use-cases/export-jobs';
import { exportValues } from '../use-cases/exports';
import { bodyOf, pathParam, queryOf } from './query';

export function mountExportRoutes(router: Router, { pool, jobs, config }: MonitoringDependencies): void {
  router.get('/v1/exports/values', async (req, res) => {
    const query = queryOf(req, 'exportValues');
    await assertDirectExport(pool, query, config.EXPORT_DIRECT_MAX_VALUES);
    const file = await exportValues(pool, principalOf(req), query);
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  });
  router.post('/v1/exports', async (req, res) => {
    const job = await requestExportJob(pool, jobs, principalOf(req), bodyOf(req, 'requestExport'));
    res.status(202).location(`/v1/exports/${job.id}`).json(exportJobView(job));
  });
  router.get('/v1/exports/:id', async (req, res) => {
    res.json(exportJobView(await ownExportJob(pool, pathParam(req, 'id'), principalOf(req))));
  });
  router.get('/v1/exports/:id/file', async (req, res) => {
    const file = await exportFile(pool, pathParam(req, 'id'), principalOf(req));
    res.type(file.contentType).attachment(file.fileName).send(file.body);
  });
}
