import type { Queryable } from '@sozialraum/kit/db';
import type { components } from '../generated/api';

export type CommentRecord = Omit<components['schemas']['Comment'], 'createdAt'> & { createdAt: Date };

const columns = `id, task_id AS "taskId", json_build_object('id', author_id, 'name', author_name) AS author, text, created_at AS "createdAt"`;

export async function listComments(db: Queryable, taskId: string): Promise<CommentRecord[]> {
  const { rows } = await db.query<CommentRecord>(`SELECT ${columns} FROM task_comment WHERE task_id = $1 ORDER BY created_at, id`, [taskId]);
  return rows;
}

export async function addComment(db: Queryable, taskId: string, author: { id: string; name: string }, text: string): Promise<CommentRecord> {
  const { rows } = await db.query<CommentRecord>(
    `INSERT INTO task_comment (task_id, author_id, author_name, text) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
    [taskId, author.id, author.name, text],
  );
  return rows[0]!;
}
