import type { components } from '../generated/api';
import type { Queryable } from '@sozialraum/kit/db';

type Schemas = components['schemas'];
export type ProviderRecord = Schemas['Provider'];
export type ProviderInput = Schemas['ProviderInput'];

const columns = `id, name, kind, contact, version, created_at AS "createdAt"`;

export async function listProviders(db: Queryable, q?: string): Promise<ProviderRecord[]> {
  const { rows } = await db.query<ProviderRecord>(
    `SELECT ${columns} FROM provider WHERE ($1::text IS NULL OR name ILIKE '%' || $1 || '%') ORDER BY lower(name), id`,
    [q ?? null],
  );
  return rows;
}

export async function findProvider(db: Queryable, id: string, lock = false): Promise<ProviderRecord | undefined> {
  const { rows } = await db.query<ProviderRecord>(`SELECT ${columns} FROM provider WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function existingProviderIds(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM provider WHERE id = ANY ($1::uuid[])', [ids]);
  return rows.map((r) => r.id);
}

export async function insertProvider(db: Queryable, input: ProviderInput): Promise<ProviderRecord> {
  const { rows } = await db.query<ProviderRecord>(
    `INSERT INTO provider (name, kind, contact) VALUES ($1, $2, $3) RETURNING ${columns}`,
    [input.name, input.kind, input.contact ?? ''],
  );
  return rows[0] as ProviderRecord;
}

export async function updateProvider(db: Queryable, id: string, changes: Partial<ProviderInput>): Promise<ProviderRecord> {
  const { rows } = await db.query<ProviderRecord>(
    `UPDATE provider SET name = COALESCE($2, name), kind = COALESCE($3, kind), contact = COALESCE($4, contact),
            version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING ${columns}`,
    [id, changes.name ?? null, changes.kind ?? null, changes.contact ?? null],
  );
  return rows[0] as ProviderRecord;
}
