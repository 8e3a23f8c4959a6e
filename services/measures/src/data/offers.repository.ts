import type { components } from '../generated/api';
import type { Queryable } from '@sozialraum/kit/db';

type Schemas = components['schemas'];
export type OfferRecord = Schemas['Offer'];
export type OfferFields = Omit<Schemas['OfferFields'], 'measureIds'>;
export type TargetGroup = Schemas['TargetGroup'];

const columns = `o.id, o.title, o.kind, o.description,
  json_build_object('id', p.id, 'name', p.name, 'kind', p.kind) AS provider,
  o.target_groups AS "targetGroups", o.schedule, o.contact, ST_AsGeoJSON(o.location)::json AS location,
  o.space_code AS "spaceCode", o.space_located_at AS "spaceLocatedAt",
  ARRAY(SELECT om.measure_id FROM offer_measure om WHERE om.offer_id = o.id ORDER BY om.measure_id) AS "measureIds",
  o.version, o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;
const from = 'FROM offer o JOIN provider p ON p.id = o.provider_id';

export interface OfferFilter {
  space?: string;
  targetGroup?: TargetGroup;
  kind?: Schemas['OfferKind'];
  provider?: string;
  measure?: string;
}

export async function listOffers(db: Queryable, filter: OfferFilter): Promise<OfferRecord[]> {
  const { rows } = await db.query<OfferRecord>(
    `SELECT ${columns} ${from}
      WHERE ($1::text IS NULL OR o.space_code = $1) AND ($2::text IS NULL OR $2 = ANY (o.target_groups))
        AND ($3::text IS NULL OR o.kind = $3) AND ($4::uuid IS NULL OR o.provider_id = $4)
        AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM offer_measure om WHERE om.offer_id = o.id AND om.measure_id = $5))
      ORDER BY o.space_code, o.title, o.id`,
    [filter.space ?? null, filter.targetGroup ?? null, filter.kind ?? null, filter.provider ?? null, filter.measure ?? null],
  );
  return rows;
}

export async function findOffer(db: Queryable, id: string, lock = false): Promise<OfferRecord | undefined> {
  const { rows } = await db.query<OfferRecord>(`SELECT ${columns} ${from} WHERE o.id = $1${lock ? ' FOR UPDATE OF o' : ''}`, [id]);
  return rows[0];
}

const point = (location: NonNullable<OfferFields['location']>) => JSON.stringify(location);

export async function insertOffer(
  db: Queryable,
  offer: Required<Pick<OfferFields, 'title' | 'kind' | 'providerId' | 'location'>> & OfferFields,
  space: { code: string; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO offer (title, kind, description, provider_id, target_groups, schedule, contact, location, space_code, space_located_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_GeomFromGeoJSON($8), 4326), $9, now(), $10) RETURNING id`,
    [
      offer.title,
      offer.kind,
      offer.description ?? '',
      offer.providerId,
      offer.targetGroups ?? [],
      offer.schedule ?? '',
      offer.contact ?? '',
      point(offer.location),
      space.code,
      space.createdBy,
    ],
  );
  return (rows[0] as { id: string }).id;
}

/** Applies the changes; a new location comes with its newly derived space. */
export async function updateOffer(db: Queryable, id: string, changes: OfferFields, spaceCode?: string): Promise<void> {
  await db.query(
    `UPDATE offer SET title = COALESCE($2, title), kind = COALESCE($3, kind), description = COALESCE($4, description),
            provider_id = COALESCE($5, provider_id), target_groups = COALESCE($6, target_groups),
            schedule = COALESCE($7, schedule), contact = COALESCE($8, contact),
            location = COALESCE(ST_SetSRID(ST_GeomFromGeoJSON($9), 4326), location),
            space_code = COALESCE($10, space_code), space_located_at = CASE WHEN $10 IS NULL THEN space_located_at ELSE now() END,
            version = version + 1, updated_at = now()
      WHERE id = $1`,
    [
      id,
      changes.title ?? null,
      changes.kind ?? null,
      changes.description ?? null,
      changes.providerId ?? null,
      changes.targetGroups ?? null,
      changes.schedule ?? null,
      changes.contact ?? null,
      changes.location ? point(changes.location) : null,
      spaceCode ?? null,
    ],
  );
}

export async function setOfferMeasures(db: Queryable, offerId: string, measureIds: readonly string[]): Promise<void> {
  await db.query('DELETE FROM offer_measure WHERE offer_id = $1', [offerId]);
  await db.query('INSERT INTO offer_measure (offer_id, measure_id) SELECT $1, unnest($2::uuid[])', [offerId, measureIds]);
}

export async function deleteOffer(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM offer WHERE id = $1', [id]);
}

/** How many offers and open measures address each target group in the space. */
export async function coverageOfSpace(
  db: Queryable,
  spaceCode: string,
  openStatuses: readonly string[],
): Promise<Map<string, { offers: number; measures: number }>> {
  const { rows } = await db.query<{ group: string; offers: number; measures: number }>(
    `SELECT g AS group, sum(o)::int AS offers, sum(m)::int AS measures FROM (
       SELECT unnest(target_groups) AS g, 1 AS o, 0 AS m FROM offer WHERE space_code = $1
       UNION ALL
       SELECT unnest(target_groups), 0, 1 FROM measure WHERE spaces @> ARRAY[$1::text] AND status = ANY ($2::text[])) x
     GROUP BY g`,
    [spaceCode, openStatuses],
  );
  return new Map(rows.map((r) => [r.group, { offers: r.offers, measures: r.measures }]));
}
