import type { components } from '../generated/api';
import type { IndicatorRule } from '../domain/imports';
import type { Queryable } from '@sozialraum/kit/db';

type Schemas = components['schemas'];
export type IndicatorInput = Schemas['IndicatorInput'];
export type IndicatorChanges = Omit<Schemas['IndicatorPatch'], 'version'>;

export interface IndicatorRecord {
  key: string;
  name: string;
  definition: string;
  unit: string;
  source: string;
  polarity: Schemas['Polarity'];
  topic: string;
  targetGroups: Schemas['TargetGroup'][];
  kind: Schemas['IndicatorKind'];
  minValue: number | null;
  maxValue: number | null;
  /** The indicator this one is the change of, over changeYears years (both or neither). */
  changeOf: string | null;
  changeYears: number | null;
  version: number;
}

const columns = `key, name, definition, unit, source, polarity, topic, target_groups AS "targetGroups", kind,
  min_value AS "minValue", max_value AS "maxValue", change_of AS "changeOf", change_years AS "changeYears", version`;

/** Patch field → column; only these can be changed. */
const changeable = {
  name: 'name',
  definition: 'definition',
  unit: 'unit',
  source: 'source',
  polarity: 'polarity',
  topic: 'topic',
  targetGroups: 'target_groups',
  kind: 'kind',
  minValue: 'min_value',
  maxValue: 'max_value',
  changeOf: 'change_of',
  changeYears: 'change_years',
} as const satisfies Record<keyof IndicatorChanges, string>;

export async function listIndicators(db: Queryable, filter: { topic?: string; targetGroup?: string }): Promise<IndicatorRecord[]> {
  const { rows } = await db.query<IndicatorRecord>(
    `SELECT ${columns} FROM indicator
      WHERE ($1::text IS NULL OR topic = $1) AND ($2::text IS NULL OR $2 = ANY (target_groups))
      ORDER BY key`,
    [filter.topic ?? null, filter.targetGroup ?? null],
  );
  return rows;
}

export async function findIndicator(db: Queryable, key: string): Promise<IndicatorRecord | undefined> {
  const { rows } = await db.query<IndicatorRecord>(`SELECT ${columns} FROM indicator WHERE key = $1`, [key]);
  return rows[0];
}

export async function findIndicators(db: Queryable, keys: readonly string[]): Promise<IndicatorRecord[]> {
  const { rows } = await db.query<IndicatorRecord>(`SELECT ${columns} FROM indicator WHERE key = ANY ($1) ORDER BY key`, [keys]);
  return rows;
}

/** undefined when the key is taken. */
export async function insertIndicator(db: Queryable, input: IndicatorInput): Promise<IndicatorRecord | undefined> {
  const { rows } = await db.query<IndicatorRecord>(
    `INSERT INTO indicator (key, name, definition, unit, source, polarity, topic, target_groups, kind, min_value, max_value, change_of, change_years)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (key) DO NOTHING
     RETURNING ${columns}`,
    [
      input.key,
      input.name,
      input.definition ?? '',
      input.unit ?? '',
      input.source ?? '',
      input.polarity,
      input.topic ?? '',
      input.targetGroups ?? [],
      input.kind,
      input.minValue ?? null,
      input.maxValue ?? null,
      input.changeOf ?? null,
      input.changeYears ?? null,
    ],
  );
  return rows[0];
}

/** Optimistic locking: undefined when the key is unknown or `version` is no longer the stored one. */
export async function updateIndicator(
  db: Queryable,
  key: string,
  version: number,
  changes: IndicatorChanges,
): Promise<IndicatorRecord | undefined> {
  const sets: string[] = [];
  const values: unknown[] = [key, version];
  for (const [field, column] of Object.entries(changeable)) {
    const value = changes[field as keyof IndicatorChanges];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  const { rows } = await db.query<IndicatorRecord>(
    `UPDATE indicator SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE key = $1 AND version = $2
      RETURNING ${columns}`,
    values,
  );
  return rows[0];
}

/** Kinds and bounds of every indicator, for checking imported values. */
export async function indicatorRules(db: Queryable): Promise<Map<string, IndicatorRule>> {
  const { rows } = await db.query<{ key: string; kind: IndicatorRule['kind']; min: number | null; max: number | null }>(
    'SELECT key, kind, min_value AS min, max_value AS max FROM indicator',
  );
  return new Map(rows.map((r) => [r.key, { kind: r.kind, ...(r.min === null ? {} : { min: r.min }), ...(r.max === null ? {} : { max: r.max }) }]));
}

/** Every indicator's key and name: what an import's column headers are matched against. */
export async function indicatorNames(db: Queryable): Promise<Array<{ key: string; name: string }>> {
  const { rows } = await db.query<{ key: string; name: string }>('SELECT key, name FROM indicator ORDER BY key');
  return rows;
}
