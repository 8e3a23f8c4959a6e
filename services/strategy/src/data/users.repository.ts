import type { Queryable } from './db';

export interface KnownUser {
  id: string;
  name: string;
  username: string | null;
  email: string | null;
  groups: string[];
}

export async function upsertKnownUser(db: Queryable, user: KnownUser): Promise<void> {
  await db.query(
    `INSERT INTO known_user (id, name, username, email, groups) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, username = EXCLUDED.username,
       email = COALESCE(EXCLUDED.email, known_user.email), groups = EXCLUDED.groups, seen_at = now()`,
    [user.id, user.name, user.username, user.email, user.groups],
  );
}

export async function findKnownUser(db: Queryable, id: string): Promise<KnownUser | undefined> {
  const { rows } = await db.query<KnownUser>('SELECT id, name, username, email, groups FROM known_user WHERE id = $1', [id]);
  return rows[0];
}

/** The e-mail addresses behind a recipient: one user, or the known members of a candidate group. */
export async function addressesOf(db: Queryable, recipient: string): Promise<string[]> {
  const { rows } = await db.query<{ email: string }>(
    `SELECT DISTINCT email FROM known_user WHERE email IS NOT NULL AND (id = $1 OR $1 = ANY (groups)) ORDER BY email`,
    [recipient],
  );
  return rows.map((r) => r.email);
}
