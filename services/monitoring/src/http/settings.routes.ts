import { principalOf, requireRole, Roles } from '@sozialraum/kit';
import type { Router } from 'express';
import type { MonitoringDependencies } from '../dependencies';
import { loadConfidentialityRules, saveConfidentialityRules } from '../use-cases/confidentiality';
import { queueRecomputation } from '../use-cases/recompute-queue';

export function mountSettingsRoutes(router: Router, { pool, jobs }: MonitoringDependencies): void {
  router.get('/v1/settings/confidentiality', async (_req, res) => {
    res.json(await loadConfidentialityRules(pool));
  });
  router.put('/v1/settings/confidentiality', requireRole(Roles.admin), async (req, res) => {
    const rules = await saveConfidentialityRules(pool, req.body, principalOf(req));
    // Index results for callers without raw-data were made under the old rules: until recomputed, none is shown.
    await queueRecomputation(jobs, pool);
    res.json(rules);
  });
}
