import type { Principal } from '@sozialraum/kit';
import { type AuditWrite, insertAudit } from '../data/audit.repository';
import { raiseDataVersion } from '../data/data-version.repository';
import type { Queryable } from '@sozialraum/kit/db';

/**
 * Records a change in the audit trail, in the transaction that makes it: who (token subject and name), what,
 * before, after; and raises the data version, which tells cached overviews they are out of date.
 */
export async function recordChange(db: Queryable, principal: Principal, entry: Omit<AuditWrite, 'actor'>): Promise<void> {
  await insertAudit(db, { ...entry, actor: { id: principal.id, name: principal.name } });
  await raiseDataVersion(db);
}
