import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { importView } from '../use-cases/imports';
import { submitValueImport, submitValueImportForm } from '../use-cases/value-import';
import { previewValueImport } from '../use-cases/value-preview';
import { bodyOf } from './query';
import { plannersOnly } from './roles';
import { formFields, isFormUpload, uploadedFile } from './uploads';

/** Value imports: preview and submission. */
export function mountValuesRoutes(router: Router, deps: MonitoringDependencies): void {
  router.post('/v1/imports/values/preview', plannersOnly, async (req, res) => {
    res.json(await previewValueImport(deps.pool, formFields(req), uploadedFile(req, deps.config)));
  });
  router.post('/v1/imports/values', plannersOnly, async (req, res) => {
    const key = req.get('Idempotency-Key');
    const record = isFormUpload(req)
      ? await submitValueImportForm(deps.pool, deps.jobs, formFields(req), uploadedFile(req, deps.config), principalOf(req), key)
      : await submitValueImport(deps.pool, deps.jobs, bodyOf(req, 'importValues'), principalOf(req), key);
    res.status(202).location(`/v1/imports/${record.id}`).json(importView(record));
  });
}
