import type { components } from '../generated/api';
import type { Queryable } from '@sozialraum/kit/db';

type Schemas = components['schemas'];
export type AuditEntity = Schemas['AuditEntity'];
export type AuditEntryRecord = Schemas['AuditEntry'];

export interface AuditWrite {
  actor: { id: string; name: string };
  entity: AuditEntity;
  entityId: string;
  measureId?: string | null;
  department?: string | null;
  action: AuditEntryRecord['action'];
  before: unknown;
  after: unknown;
}

const columns = `id, at, json_build_object('id', actor_id, 'name', actor_name) AS actor, entity, entity_id AS "entityId",
  measure_id AS "measureId", department, action, before, after`;

export async function insertAudit(db: Queryable, entry: AuditWrite): Promise<void> {
  await db.query(
    `INSERT INTO audit (actor_id, actor_name, entity, entity_id, measure_id, department, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.actor.id,
      entry.actor.name,
      entry.entity,
      entry.entityId,
      entry.measureId ?? null,
      entry.department ?? null,
      entry.action,
      entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  );
}

export async function auditOfMeasure(db: Queryable, measureId: string): Promise<AuditEntryRecord[]> {
  const { rows } = await db.query<AuditEntryRecord>(`SELECT ${columns} FROM audit WHERE measure_id = $1 ORDER BY id`, [measureId]);
  return rows;
}

export async function listAudit(
  db: Queryable,
  filter: { entity?: AuditEntity; department?: string; before?: number; limit: number },
): Promise<AuditEntryRecord[]> {
  const { rows } = await db.query<AuditEntryRecord>(
    `SELECT ${columns} FROM audit
      WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR department = $2) AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [filter.entity ?? null, filter.department ?? null, filter.before ?? null, filter.limit],
  );
  return rows;
}
