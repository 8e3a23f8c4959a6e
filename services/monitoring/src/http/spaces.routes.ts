import { principalOf, sendSerialized } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { audienceOf } from '../use-cases/disclosure';
import { importView } from '../use-cases/imports';
import { changeSpace, createSpace, findSpaces, getSpace, spaceView } from '../use-cases/spaces';
import { submitSpaceImport, submitSpaceImportForm } from '../use-cases/spaces-import';
import { mapClasses } from '../use-cases/map-classes';
import { mapOutlines } from '../use-cases/map-outlines';
import { bodyOf, formOf, pathParam, queryOf } from './query';
import { plannersOnly } from './roles';
import { isFormUpload, uploadedFile } from './uploads';

/** An empty text parameter counts as not given. */
const text = <T extends string>(value: T | undefined): T | undefined => (value === '' ? undefined : value);

export function mountSpacesRoutes(router: Router, { pool, jobs, maps, config }: MonitoringDependencies): void {
  router.get('/v1/spaces', async (req, res) => {
    const { type, parent, at, q } = queryOf(req, 'listSpaces');
    const items = await findSpaces(pool, { type: text(type), parent: text(parent), at: text(at), q: text(q) });
    res.json({ items: items.map(spaceView) });
  });
  router.post('/v1/spaces', plannersOnly, async (req, res) => {
    const space = await createSpace(pool, bodyOf(req, 'createSpace'));
    res.status(201).location(`/v1/spaces/${encodeURIComponent(space.code)}`).json(spaceView(space));
  });
  router.get('/v1/spaces/:code', async (req, res) => {
    res.json(spaceView(await getSpace(pool, pathParam(req, 'code'), text(queryOf(req, 'getSpace').at))));
  });
  router.patch('/v1/spaces/:code', plannersOnly, async (req, res) => {
    res.json(spaceView(await changeSpace(pool, jobs, pathParam(req, 'code'), bodyOf(req, 'updateSpace'))));
  });
  router.get('/v1/map/outlines', async (req, res) => {
    const { type, at, simplify } = queryOf(req, 'getMapOutlines');
    // Simplified outlines unless the detail is asked for (simplify=false): a map needs no more.
    const answer = await mapOutlines(pool, maps, { type: text(type), at: text(at), simplify: String(simplify) !== 'false' });
    // No figures in them: a browser keeps them for ten minutes, then asks with their ETag (304 unless they changed).
    res.setHeader('Cache-Control', 'private, max-age=600');
    sendSerialized(req, res, answer);
  });
  router.get('/v1/map/classes', async (req, res) => {
    const { type, at, indicators, period, method } = queryOf(req, 'getMapClasses');
    const query = { type: text(type), at: text(at), indicators: text(indicators), period: text(period), method: text(method) };
    const answer = await mapClasses(pool, maps, query, audienceOf(principalOf(req)));
    // A recomputation or an import changes them at any time: a browser keeps them but asks each time (304 if the same).
    res.setHeader('Cache-Control', 'private, no-cache');
    sendSerialized(req, res, answer);
  });
  router.post('/v1/imports/spaces', plannersOnly, async (req, res) => {
    const key = req.get('Idempotency-Key');
    const record = isFormUpload(req)
      ? await submitSpaceImportForm(pool, jobs, formOf(req, 'importSpaces'), uploadedFile(req, config), principalOf(req), key)
      : await submitSpaceImport(pool, jobs, bodyOf(req, 'importSpaces'), principalOf(req), key);
    res.status(202).location(`/v1/imports/${record.id}`).json(importView(record));
  });
}
