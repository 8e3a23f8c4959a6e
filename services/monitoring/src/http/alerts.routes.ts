import { principalOf, requireRole, Roles } from '@sozialraum/kit';
import type { Request, Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { acknowledgeAlert, alertRules, alertsView, alertView, handOverAlert, replaceAlertRules } from '../use-cases/alerts';
import { bodyOf, pathParam, queryOf } from './query';
import { plannersOnly } from './roles';

/** The path parameter is an integer by the contract (coerced by the validator). */
const alertId = (req: Request) => Number(pathParam(req, 'id'));

export function mountAlertsRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  const answer = async (req: Request) => alertView(pool, principalOf(req), alertId(req));

  router.get('/v1/alerts', async (req, res) => {
    const { status, space, period } = queryOf(req, 'listAlerts');
    const filter = { ...(status ? { status } : {}), ...(space ? { spaceCode: space } : {}), ...(period ? { period } : {}) };
    res.json({ items: await alertsView(pool, principalOf(req), filter) });
  });
  router.get('/v1/alerts/:id', async (req, res) => {
    res.json(await answer(req));
  });
  router.post('/v1/alerts/:id/acknowledge', requireRole(Roles.planner, Roles.coordinator, Roles.admin), async (req, res) => {
    await acknowledgeAlert(pool, alertId(req), principalOf(req), bodyOf(req, 'acknowledgeAlert')?.comment);
    res.json(await answer(req));
  });
  // A strategy cycle takes its alert over through monitoring's own activity (src/activities), not through this route.
  router.post('/v1/alerts/:id/hand-over', requireRole(Roles.planner, Roles.admin), async (req, res) => {
    await handOverAlert(pool, alertId(req), principalOf(req), bodyOf(req, 'handOverAlert'));
    res.json(await answer(req));
  });
  router.get('/v1/alert-rules', async (_req, res) => {
    res.json({ items: await alertRules(pool) });
  });
  router.put('/v1/alert-rules', plannersOnly, async (req, res) => {
    res.json({ items: await replaceAlertRules(pool, jobs, bodyOf(req, 'replaceAlertRules').items) });
  });
}
