import { principalOf, requireRole, Roles } from '@sozialraum/kit';
import { withTransaction } from '@sozialraum/kit/db';
import type { Request, Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import type { AlertStatus } from '../data/alerts.repository';
import type { components } from '../generated/api';
import {
  acknowledgeAlert,
  alertRules,
  alertsView,
  alertView,
  handOverAlert,
  queueAlertEvaluation,
  replaceAlertRules,
} from '../use-cases/alerts';
import { plannersOnly } from './roles';

/** The path parameter is an integer by the contract (coerced by the validator). */
const alertId = (req: Request) => Number((req.params as { id: string }).id);

export function mountAlertsRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  const answer = async (req: Request) => alertView(pool, principalOf(req), alertId(req));

  router.get('/v1/alerts', async (req, res) => {
    const { status, space, period } = req.query as { status?: AlertStatus; space?: string; period?: string };
    const filter = { ...(status ? { status } : {}), ...(space ? { spaceCode: space } : {}), ...(period ? { period } : {}) };
    res.json({ items: await alertsView(pool, principalOf(req), filter) });
  });
  router.get('/v1/alerts/:id', async (req, res) => {
    res.json(await answer(req));
  });
  router.post('/v1/alerts/:id/acknowledge', requireRole(Roles.planner, Roles.coordinator, Roles.admin), async (req, res) => {
    const { comment } = req.body as { comment?: string };
    await withTransaction(pool, (client) => acknowledgeAlert(client, alertId(req), principalOf(req), comment));
    res.json(await answer(req));
  });
  // The strategy service's cycle activity calls this with its own client-credentials token (client svc-strategy, role cycle-worker).
  router.post('/v1/alerts/:id/hand-over', requireRole(Roles.planner, Roles.cycleWorker, Roles.admin), async (req, res) => {
    const body = req.body as { cycleReference?: string; comment?: string };
    await withTransaction(pool, (client) => handOverAlert(client, alertId(req), principalOf(req), body));
    res.json(await answer(req));
  });
  router.get('/v1/alert-rules', async (_req, res) => {
    res.json({ items: await alertRules(pool) });
  });
  router.put('/v1/alert-rules', plannersOnly, async (req, res) => {
    const { items } = req.body as { items: Array<components['schemas']['AlertRule']> };
    const rules = await withTransaction(pool, (client) => replaceAlertRules(client, items));
    await queueAlertEvaluation(jobs);
    res.json({ items: rules });
  });
}
