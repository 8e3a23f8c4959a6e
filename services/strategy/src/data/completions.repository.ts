import type { Queryable } from '@sozialraum/kit/db';

/** Who holds a task's completion (the lease), and its outcome once done. */
export interface CompletionRecord {
  taskId: string;
  state: 'pending' | 'done';
  holder: string;
  by: { id: string; name: string };
  leaseUntil: Date;
  outcome: Record<string, unknown> | null;
}

const columns = `task_id AS "taskId", state, holder, json_build_object('id', by_id, 'name', by_name) AS by, lease_until AS "leaseUntil", outcome`;

/**
 * Takes the task's completion lease: granted when nobody holds it, or when the holder's lease ran out
 * without an answer (its process died). Returns undefined and the current holder otherwise.
 */
export async function acquireCompletion(
  db: Queryable,
  taskId: string,
  holder: string,
  by: { id: string; name: string },
  leaseMs: number,
): Promise<{ granted: boolean; current?: CompletionRecord }> {
  const { rows } = await db.query<CompletionRecord>(
    `INSERT INTO task_completion (task_id, state, holder, by_id, by_name, lease_until)
     VALUES ($1, 'pending', $2, $3, $4, now() + $5::double precision * interval '1 millisecond')
     ON CONFLICT (task_id) DO UPDATE SET holder = EXCLUDED.holder, by_id = EXCLUDED.by_id, by_name = EXCLUDED.by_name,
       lease_until = EXCLUDED.lease_until, updated_at = now()
     WHERE task_completion.state = 'pending' AND task_completion.lease_until < now()
     RETURNING ${columns}`,
    [taskId, holder, by.id, by.name, leaseMs],
  );
  if (rows[0]) return { granted: true };
  const current = await db.query<CompletionRecord>(`SELECT ${columns} FROM task_completion WHERE task_id = $1`, [taskId]);
  return { granted: false, current: current.rows[0] };
}

/** The workflow refused: the task stays open, so the next (corrected) completion may try. */
export async function dropCompletion(db: Queryable, taskId: string, holder: string): Promise<void> {
  await db.query(`DELETE FROM task_completion WHERE task_id = $1 AND holder = $2 AND state = 'pending'`, [taskId, holder]);
}

/** The outcome is unknown (Temporal did not answer): a retry may take over at once and resend the same update. */
export async function expireCompletion(db: Queryable, taskId: string, holder: string): Promise<void> {
  await db.query(`UPDATE task_completion SET lease_until = now() - interval '1 second' WHERE task_id = $1 AND holder = $2 AND state = 'pending'`, [taskId, holder]);
}
