import type { Principal } from '@sozialraum/kit';
import { type AuditWrite, insertAudit } from '../data/audit.repository';
import type { Queryable } from '../data/db';

/** Records a change in the audit trail, in the transaction that makes it: who (token subject and name), what, before, after. */
export function recordChange(db: Queryable, principal: Principal, entry: Omit<AuditWrite, 'actor'>): Promise<void> {
  return insertAudit(db, { ...entry, actor: { id: principal.id, name: principal.name } });
}
