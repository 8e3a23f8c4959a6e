import { principalOf, requireRole, Roles } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MeasuresDependencies } from '../dependencies';
import { auditTrail } from '../use-cases/audit';
import { measuresOverview } from '../use-cases/overview';
import { exportOverview } from '../use-cases/overview-export';
import { integer, measureFilter, page, queryOf, text } from './query';

/** The coordinators' overview, its exports (CSV, CSV for German Excel, XLSX), and the service-wide audit trail (planners). */
export function mountOverviewRoutes(router: Router, { pool, config, overviewCache }: MeasuresDependencies): void {
  const interval = (req: Parameters<typeof integer>[0]) => integer(req, 'reportIntervalDays') ?? config.REPORT_INTERVAL_DAYS;

  router.get('/v1/overview', async (req, res) => {
    res.json(await measuresOverview(pool, overviewCache, principalOf(req), { filter: measureFilter(req), page: page(req), reportIntervalDays: interval(req) }));
  });
  router.get('/v1/overview/export', async (req, res) => {
    const { format = 'csv' } = queryOf(req, 'exportOverview');
    const file = await exportOverview(pool, principalOf(req), { filter: measureFilter(req), reportIntervalDays: interval(req) }, format);
    res.type(file.contentType).attachment(file.filename).send(file.body);
  });
  router.get('/v1/audit', requireRole(Roles.planner, Roles.admin), async (req, res) => {
    const before = integer(req, 'before');
    const { entity } = queryOf(req, 'listAudit');
    const department = text(req, 'department');
    res.json({ items: await auditTrail(pool, { limit: page(req).limit, ...(entity ? { entity } : {}), ...(department ? { department } : {}), ...(before ? { before } : {}) }) });
  });
}
