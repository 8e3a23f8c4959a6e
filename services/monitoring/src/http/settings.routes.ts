import { principalOf, requireRole, Roles } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { loadConfidentialityRules, saveConfidentialityRules } from '../use-cases/confidentiality';

export function mountSettingsRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  router.get('/v1/settings/confidentiality', async (_req, res) => {
    res.json(await loadConfidentialityRules(pool));
  });
  router.put('/v1/settings/confidentiality', requireRole(Roles.admin), async (req, res) => {
    res.json(await saveConfidentialityRules(pool, jobs, req.body, principalOf(req)));
  });
}
