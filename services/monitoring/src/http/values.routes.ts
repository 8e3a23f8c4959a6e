import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { importView } from '../use-cases/imports';
import { submitValueImport, submitValueImportForm } from '../use-cases/value-import';
import { previewValueImport } from '../use-cases/value-preview';
import { bodyOf, formOf } from './query';
import { plannersOnly } from './roles';
import { isFormUpload, uploadedFile } from './uploads';

/** Value imports: preview and submission. */
export function mountValuesRoutes(router: Router, deps: MonitoringDependencies): void {
  router.post('/v1/imports/values/preview', plannersOnly, async (req, res) => {
    res.json(await previewValueImport(deps.pool, formOf(req, 'previewValueImport'), uploadedFile(req, deps.config)));
  });
  router.post('/v1/imports/values', plannersOnly, async (req, res) => {
    const key = req.get('Idempotency-Key');
    const record = isFormUpload(req)
      ? await submitValueImportForm(deps.pool, deps.jobs, formOf(req, 'importValues'), uploadedFile(req, deps.config), principalOf(req), key)
      : await submitValueImport(deps.pool, deps.jobs, bodyOf(req, 'importValues'), principalOf(req), key);
    res.status(202).location(`/v1/imports/${record.id}`).json(importView(record));
  });
}
