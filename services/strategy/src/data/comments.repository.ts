import type { Queryable } from '@sozialraum/kit/db';

export interface CommentRow {
  id: number;
  task_id: string;
  author_id: string;
  author_name: string;
  text: string;
  created_at: Date;
}

export async function listComments(db: Queryable, taskId: string): Promise<CommentRow[]> {
  const { rows } = await db.query<CommentRow>('SELECT * FROM task_comment WHERE task_id = $1 ORDER BY created_at, id', [taskId]);
  return rows;
}

export async function addComment(db: Queryable, taskId: string, author: { id: string; name: string }, text: string): Promise<CommentRow> {
  const { rows } = await db.query<CommentRow>(
    'INSERT INTO task_comment (task_id, author_id, author_name, text) VALUES ($1, $2, $3, $4) RETURNING *',
    [taskId, author.id, author.name, text],
  );
  return rows[0]!;
}
