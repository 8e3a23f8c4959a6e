import type { Queryable } from '@sozialraum/kit/db';

/** Reads of catalogue entries and current values for indices, views, profiles and alerts. */

export interface IndicatorInfoRecord {
  key: string;
  name: string;
  unit: string;
  polarity: 'higher-is-worse' | 'higher-is-better' | 'neutral';
  kind: 'rate' | 'share' | 'count' | 'mean';
  /** The indicator this one is the change of, over changeYears years. */
  changeOf: string | null;
  changeYears: number | null;
}

/** One current value (newest release) with what confidentiality and the views need. */
export interface ValueRow {
  spaceId: number;
  spaceCode: string;
  spaceName: string;
  spaceType: string;
  /** The parent of the space version that holds the value (secondary suppression follows the hierarchy). */
  parentId: number | null;
  population: number | null;
  indicatorKey: string;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  releaseKey: string;
}

export async function findIndicators(db: Queryable, keys: readonly string[]): Promise<IndicatorInfoRecord[]> {
  const { rows } = await db.query<IndicatorInfoRecord>(
    'SELECT key, name, unit, polarity, kind, change_of AS "changeOf", change_years AS "changeYears" FROM indicator WHERE key = ANY($1) ORDER BY key',
    [keys],
  );
  return rows;
}

/** The space type most spaces with values of these indicators have (null without values). */
export async function dominantSpaceType(db: Queryable, indicatorKeys: readonly string[]): Promise<string | null> {
  const { rows } = await db.query<{ type: string }>(
    `SELECT s.type FROM current_value v JOIN space s ON s.id = v.space_id
      WHERE v.indicator_key = ANY($1) GROUP BY s.type ORDER BY count(DISTINCT s.code) DESC, s.type LIMIT 1`,
    [indicatorKeys],
  );
  return rows[0]?.type ?? null;
}

export interface ValueFilter {
  indicatorKeys: readonly string[];
  /** Space type; all types when absent. */
  type?: string;
  spaceIds?: readonly number[];
  spaceCodes?: readonly string[];
  periods?: readonly string[];
}

/**
 * Current values; one per space code, indicator and period (when boundaries changed and two versions
 * of a code have a value for the same period, the newer version's wins).
 */
export async function currentValues(db: Queryable, filter: ValueFilter): Promise<ValueRow[]> {
  const { rows } = await db.query<ValueRow>(
    `SELECT DISTINCT ON (s.code, v.indicator_key, v.period)
            s.id AS "spaceId", s.code AS "spaceCode", s.name AS "spaceName", s.type AS "spaceType", s.parent_id AS "parentId", s.population,
            v.indicator_key AS "indicatorKey", v.period, v.value, v.numerator, v.denominator, r.key AS "releaseKey"
       FROM current_value v JOIN space s ON s.id = v.space_id JOIN data_release r ON r.id = v.release_id
      WHERE v.indicator_key = ANY($1)
        AND ($2::text IS NULL OR s.type = $2)
        AND ($3::bigint[] IS NULL OR s.id = ANY($3))
        AND ($4::text[] IS NULL OR s.code = ANY($4))
        AND ($5::text[] IS NULL OR v.period = ANY($5))
      ORDER BY s.code, v.indicator_key, v.period, s.valid_from DESC`,
    [filter.indicatorKeys, filter.type ?? null, filter.spaceIds ?? null, filter.spaceCodes ?? null, filter.periods ?? null],
  );
  return rows;
}

/** What a comparison among peers, and confidentiality, need of a value: whose it is and what protection looks at. */
export type PeerValueRow = Pick<
  ValueRow,
  'spaceId' | 'spaceCode' | 'spaceType' | 'parentId' | 'population' | 'indicatorKey' | 'period' | 'value' | 'numerator' | 'denominator'
>;

/**
 * The current values of the indicators (optionally in some periods) for every space of every type (by code: a
 * value kept on an earlier version of a space counts for its code), with only the columns a comparison and the
 * confidentiality rules need — a profile reads them all. Whole cross-sections (all types), since secondary
 * suppression compares a parent with its children. One sort picks the newest space version and, within it,
 * the newest release (as current_value does), not two.
 */
export async function peerValues(db: Queryable, indicatorKeys: readonly string[], periods?: readonly string[]): Promise<PeerValueRow[]> {
  const { rows } = await db.query<PeerValueRow>(
    `SELECT DISTINCT ON (s.code, v.indicator_key, v.period)
            s.id AS "spaceId", s.code AS "spaceCode", s.type AS "spaceType", s.parent_id AS "parentId", s.population,
            v.indicator_key AS "indicatorKey", v.period, v.value, v.numerator, v.denominator
       FROM indicator_value v JOIN space s ON s.id = v.space_id
      WHERE v.indicator_key = ANY($1) AND ($2::text[] IS NULL OR v.period = ANY($2))
      ORDER BY s.code, v.indicator_key, v.period, s.valid_from DESC, v.release_id DESC`,
    [indicatorKeys, periods ?? null],
  );
  return rows;
}

/** A value as a comparison within one type needs it: the raw-data role's profile (nothing is withheld from it). */
export type TypePeerRow = Pick<ValueRow, 'spaceCode' | 'population' | 'indicatorKey' | 'period' | 'value' | 'numerator' | 'denominator'>;

/** The current values of the indicators for the spaces of one type, with only what a comparison needs. */
export async function peerValuesOfType(db: Queryable, indicatorKeys: readonly string[], type: string): Promise<TypePeerRow[]> {
  const { rows } = await db.query<TypePeerRow>(
    `SELECT DISTINCT ON (s.code, v.indicator_key, v.period)
            s.code AS "spaceCode", s.population, v.indicator_key AS "indicatorKey", v.period, v.value, v.numerator, v.denominator
       FROM indicator_value v JOIN space s ON s.id = v.space_id
      WHERE v.indicator_key = ANY($1) AND s.type = $2
      ORDER BY s.code, v.indicator_key, v.period, s.valid_from DESC, v.release_id DESC`,
    [indicatorKeys, type],
  );
  return rows;
}

export interface SpaceLink {
  id: number;
  code: string;
  parentId: number | null;
}

/** Whether any space has a parent: without, no value's suppression depends on another's. */
export async function anySpaceHasParent(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ nested: boolean }>('SELECT EXISTS (SELECT 1 FROM space WHERE parent_id IS NOT NULL) AS nested');
  return rows[0]?.nested === true;
}

/** Every version of every space with its parent: the hierarchy secondary suppression walks. */
export async function spaceLinks(db: Queryable): Promise<SpaceLink[]> {
  const { rows } = await db.query<SpaceLink>('SELECT id, code, parent_id AS "parentId" FROM space ORDER BY code, valid_from DESC');
  return rows;
}

/** The narrow rows a recomputation reads: the current value of each given space (by id), indicator and period. */
export interface MethodInputRow {
  spaceId: number;
  indicatorKey: string;
  period: string;
  value: number;
  /** For the confidentiality rules. */
  numerator: number | null;
  denominator: number | null;
  releaseKey: string;
}

export async function currentValuesOfSpaces(db: Queryable, indicatorKeys: readonly string[], spaceIds: readonly number[]): Promise<MethodInputRow[]> {
  const { rows } = await db.query<MethodInputRow>(
    `SELECT v.space_id AS "spaceId", v.indicator_key AS "indicatorKey", v.period, v.value, v.numerator, v.denominator, r.key AS "releaseKey"
       FROM current_value v JOIN data_release r ON r.id = v.release_id
      WHERE v.indicator_key = ANY($1) AND v.space_id = ANY($2)`,
    [indicatorKeys, spaceIds],
  );
  return rows;
}

/** Keys of the indicators with at least one value for a space code (any version of it). */
export async function indicatorKeysOfSpace(db: Queryable, code: string): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT DISTINCT v.indicator_key AS key FROM indicator_value v JOIN space s ON s.id = v.space_id
      WHERE s.code = $1 ORDER BY 1`,
    [code],
  );
  return rows.map((r) => r.key);
}
