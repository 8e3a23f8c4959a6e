import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { SpaceType } from '../data/spaces.repository';
import type { MonitoringDependencies } from '../dependencies';
import { audienceOf } from '../use-cases/disclosure';
import { importView } from '../use-cases/imports';
import { queueRecomputation } from '../use-cases/recompute-queue';
import { changeSpace, createSpace, findSpaces, getSpace, type SpaceInput, type SpacePatch, spaceView } from '../use-cases/spaces';
import { type SpaceImportRequest, submitSpaceImport, submitSpaceImportForm } from '../use-cases/spaces-import';
import { buildMap } from '../use-cases/spaces-map';
import { plannersOnly } from './roles';
import { formFields, isFormUpload, uploadedFile } from './uploads';

/** The validator has checked every query parameter against openapi.yaml; these only pick them out. */
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function mountSpacesRoutes(router: Router, { pool, jobs, mapCache }: MonitoringDependencies): void {
  router.get('/v1/spaces', async (req, res) => {
    const items = await findSpaces(pool, {
      type: text(req.query.type) as SpaceType | undefined,
      parent: text(req.query.parent),
      at: text(req.query.at),
      q: text(req.query.q),
    });
    res.json({ items: items.map(spaceView) });
  });
  router.post('/v1/spaces', plannersOnly, async (req, res) => {
    const space = await createSpace(pool, req.body as SpaceInput);
    res.status(201).location(`/v1/spaces/${encodeURIComponent(space.code)}`).json(spaceView(space));
  });
  router.get('/v1/spaces/:code', async (req, res) => {
    res.json(spaceView(await getSpace(pool, req.params.code as string, text(req.query.at))));
  });
  router.patch('/v1/spaces/:code', plannersOnly, async (req, res) => {
    const patch = req.body as SpacePatch;
    const space = await changeSpace(pool, req.params.code as string, patch);
    // Population and validity decide which spaces a method scores; population and parent what is withheld.
    if (patch.population !== undefined || patch.validUntil !== undefined || patch.parentCode !== undefined) await queueRecomputation(jobs, pool);
    res.json(spaceView(space));
  });
  router.get('/v1/map', async (req, res) => {
    const map = await buildMap(pool, mapCache, {
      type: text(req.query.type) as SpaceType | undefined,
      at: text(req.query.at),
      indicators: text(req.query.indicators),
      period: text(req.query.period),
      method: text(req.query.method),
      simplify: String(req.query.simplify) === 'true',
    }, audienceOf(principalOf(req)));
    res.set('ETag', map.etag).type('application/geo+json').send(map.body);
  });
  router.post('/v1/imports/spaces', plannersOnly, async (req, res) => {
    const key = req.get('Idempotency-Key');
    const record = isFormUpload(req)
      ? await submitSpaceImportForm(pool, jobs, formFields(req), uploadedFile(req), principalOf(req), key)
      : await submitSpaceImport(pool, jobs, req.body as SpaceImportRequest, principalOf(req), key);
    res.status(202).location(`/v1/imports/${record.id}`).json(importView(record));
  });
}
