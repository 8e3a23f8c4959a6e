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

/** What the lease statement checks of the task itself, so that only a request that may complete it takes the lease. */
export interface CompletionEligibility {
  /** The caller's candidate groups: one of them must be the task's (which also makes the task visible to them). */
  groups: string[];
  /** The task types whose form the result fits: the task's type must be one. */
  types: string[];
}

/**
 * Takes the task's completion lease: granted when the task is open, the caller may act on it (a candidate,
 * nobody else's claim), the result fits its type's form, and nobody holds the lease, or the holder's ran out
 * without an answer (its process died). A request that is refused therefore never holds the lease, not even
 * for a moment, so it cannot turn a legitimate completion away. Returns the current holder otherwise
 * (undefined when the task itself refused).
 */
export async function acquireCompletion(
  db: Queryable,
  taskId: string,
  holder: string,
  by: { id: string; name: string },
  leaseMs: number,
  eligible: CompletionEligibility,
): Promise<{ granted: boolean; current?: CompletionRecord }> {
  const { rows } = await db.query<CompletionRecord>(
    `INSERT INTO task_completion (task_id, state, holder, by_id, by_name, lease_until)
     SELECT id, 'pending', $2, $3, $4, now() + $5::double precision * interval '1 millisecond' FROM task
     WHERE id = $1 AND status = 'open' AND candidate_groups && $6::text[] AND (assignee_id IS NULL OR assignee_id = $3) AND type = ANY ($7::text[])
     ON CONFLICT (task_id) DO UPDATE SET holder = EXCLUDED.holder, by_id = EXCLUDED.by_id, by_name = EXCLUDED.by_name,
       lease_until = EXCLUDED.lease_until, updated_at = now()
     WHERE task_completion.state = 'pending' AND task_completion.lease_until < now()
     RETURNING ${columns}`,
    [taskId, holder, by.id, by.name, leaseMs, eligible.groups, eligible.types],
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
