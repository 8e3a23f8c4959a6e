import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MeasuresDependencies } from '../dependencies';
import { measureAudit } from '../use-cases/audit';
import { fileEvaluation } from '../use-cases/evaluations';
import { changeMeasure, createMeasure, getMeasure, listMeasures, measureView } from '../use-cases/measures';
import { addMilestone, changeMilestone, removeMilestone } from '../use-cases/milestones';
import { fileReport, measureReports } from '../use-cases/reports';
import { transitionMeasure } from '../use-cases/transitions';
import { bodyOf, measureFilter, page, pathParam } from './query';

/** Measures, their status, milestones, reports, evaluation and audit trail. Who may do what is the use cases' rule. */
export function mountMeasuresRoutes(router: Router, { pool, monitoring, config }: MeasuresDependencies): void {
  const interval = config.REPORT_INTERVAL_DAYS;
  const id = (req: Parameters<typeof pathParam>[0]) => pathParam(req, 'id');
  const view = (req: Parameters<typeof pathParam>[0], measureId = id(req)) => measureView(pool, principalOf(req), measureId, interval);

  router.get('/v1/measures', async (req, res) => {
    res.json(await listMeasures(pool, principalOf(req), { filter: measureFilter(req), page: page(req), reportIntervalDays: interval }));
  });
  router.post('/v1/measures', async (req, res) => {
    const { id: created, created: isNew } = await createMeasure(pool, principalOf(req), bodyOf(req, 'createMeasure'), req.get('Idempotency-Key'));
    res.status(isNew ? 201 : 200).location(`/v1/measures/${created}`).json(await view(req, created));
  });
  router.get('/v1/measures/:id', async (req, res) => {
    res.json(await getMeasure(pool, principalOf(req), id(req), interval));
  });
  router.patch('/v1/measures/:id', async (req, res) => {
    await changeMeasure(pool, principalOf(req), id(req), bodyOf(req, 'updateMeasure'));
    res.json(await view(req));
  });
  router.post('/v1/measures/:id/transitions', async (req, res) => {
    await transitionMeasure(pool, principalOf(req), id(req), bodyOf(req, 'transitionMeasure'));
    res.json(await view(req));
  });
  router.post('/v1/measures/:id/milestones', async (req, res) => {
    await addMilestone(pool, principalOf(req), id(req), bodyOf(req, 'addMilestone'));
    res.status(201).json(await view(req));
  });
  router.patch('/v1/measures/:id/milestones/:milestoneId', async (req, res) => {
    await changeMilestone(pool, principalOf(req), id(req), pathParam(req, 'milestoneId'), bodyOf(req, 'updateMilestone'));
    res.json(await view(req));
  });
  router.delete('/v1/measures/:id/milestones/:milestoneId', async (req, res) => {
    await removeMilestone(pool, principalOf(req), id(req), pathParam(req, 'milestoneId'));
    res.json(await view(req));
  });
  router.get('/v1/measures/:id/reports', async (req, res) => {
    res.json({ items: await measureReports(pool, principalOf(req), id(req)) });
  });
  router.post('/v1/measures/:id/reports', async (req, res) => {
    const { report, created } = await fileReport(pool, principalOf(req), id(req), bodyOf(req, 'fileReport'), req.get('Idempotency-Key'));
    res.status(created ? 201 : 200).json(report);
  });
  router.post('/v1/measures/:id/evaluation', async (req, res) => {
    res.status(201).json(await fileEvaluation(pool, monitoring, principalOf(req), id(req), bodyOf(req, 'fileEvaluation')));
  });
  router.get('/v1/measures/:id/audit', async (req, res) => {
    res.json({ items: await measureAudit(pool, principalOf(req), id(req)) });
  });
}
