import type { Queryable } from '@sozialraum/kit/db';

export interface ReleaseInput {
  key: string;
  title: string;
  source?: string;
  publishedOn?: string;
}

export interface ReleaseRecord {
  key: string;
  title: string;
  source: string;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  createdAt: Date;
}

/** Creates the release or updates its description; re-importing a release keeps its id, so values are replaced. */
/** The release's id, and whether this statement created it (then no value of it can exist yet). */
export async function upsertRelease(db: Queryable, release: ReleaseInput): Promise<{ id: number; created: boolean }> {
  const { rows } = await db.query<{ id: number; created: boolean }>(
    `INSERT INTO data_release (key, title, source, published_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET title = EXCLUDED.title, source = EXCLUDED.source, published_on = EXCLUDED.published_on
     RETURNING id, (xmax = 0) AS created`,
    [release.key, release.title, release.source ?? '', release.publishedOn ?? null],
  );
  return rows[0]!;
}

export async function listReleases(db: Queryable): Promise<ReleaseRecord[]> {
  const { rows } = await db.query<ReleaseRecord>(
    `SELECT key, title, source, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", created_at AS "createdAt"
       FROM data_release ORDER BY created_at DESC, id DESC`,
  );
  return rows;
}
