import { type Principal, problems } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { mayReadAudit } from '../domain/access';
import { type AuditEntity, auditOfMeasure, type AuditEntryRecord, listAudit } from '../data/audit.repository';
import { readableMeasure } from './measure-access';

/** A measure's trail (with its milestones, reports and evaluation): planners and the department concerned. */
export async function measureAudit(pool: Pool, principal: Principal, measureId: string): Promise<AuditEntryRecord[]> {
  const measure = await readableMeasure(pool, principal, measureId);
  if (!mayReadAudit(principal, measure.department)) {
    throw problems.forbidden(`The audit trail of measure ${measureId} is for planners and department "${measure.department}".`);
  }
  return auditOfMeasure(pool, measureId);
}

/** The whole trail, newest first (planners; the route checks the role). */
export function auditTrail(pool: Pool, filter: { entity?: AuditEntity; department?: string; before?: number; limit: number }): Promise<AuditEntryRecord[]> {
  return listAudit(pool, filter);
}
