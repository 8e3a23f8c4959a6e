import type { Queryable } from '@sozialraum/kit/db';

/** Tasks as the cycle's workflow opens, completes, escalates and cancels them; every write is keyed by the task ID. */

type NewTask = {
  id: string; cycleId: string; key: string; type: string; phase: string; spaceCode: string; candidateGroups: string[]; department: string | null;
  measureIds: string[]; createdAt: string; dueAt: string; context: unknown;
};

/** Notifications about a task, one per recipient (IDs deterministic, so a repeat inserts none). */
type TaskNotifications = { addressed: Array<{ id: string; recipient: string }>; kind: string; title: string; body: string; createdAt: string };

/**
 * Opens the task once, and only in a cycle still running or suspended (locked FOR SHARE), with its
 * notifications: one statement, so one round trip and its own transaction. True when the task is open now
 * (also when it was before: a retried activity writes no second task and no second notification).
 */
export async function openTask(db: Queryable, t: NewTask, n: TaskNotifications): Promise<boolean> {
  const { rows } = await db.query(
    `WITH c AS (SELECT id FROM cycle WHERE id = $2 AND status IN ('running', 'suspended') FOR SHARE),
          t AS (INSERT INTO task (id, cycle_id, key, type, phase, space_code, candidate_groups, department, measure_ids, status, created_at, due_at, context)
                SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12 FROM c
                ON CONFLICT (id) DO UPDATE SET updated_at = task.updated_at RETURNING id),
          n AS (INSERT INTO notification (id, recipient, kind, task_id, cycle_id, title, body, created_at)
                SELECT r.id, r.recipient, $15, t.id, $2, $16, $17, $18::timestamptz FROM t, unnest($13::text[], $14::text[]) AS r (id, recipient)
                ON CONFLICT (id) DO NOTHING)
     SELECT id FROM t`,
    [
      t.id, t.cycleId, t.key, t.type, t.phase, t.spaceCode, t.candidateGroups, t.department, t.measureIds, t.createdAt, t.dueAt, JSON.stringify(t.context),
      n.addressed.map((a) => a.id), n.addressed.map((a) => a.recipient), n.kind, n.title, n.body, n.createdAt,
    ],
  );
  return rows.length > 0;
}

export async function writeTaskResult(db: Queryable, r: { taskId: string; result: unknown; completedBy: string; completedAt: string }): Promise<void> {
  await db.query(
    `UPDATE task SET status = 'completed', result = $2, completed_by = $3, completed_at = $4, updated_at = now() WHERE id = $1`,
    [r.taskId, JSON.stringify(r.result), r.completedBy, r.completedAt],
  );
}

export async function cancelOpenTasks(db: Queryable, taskIds: string[]): Promise<void> {
  await db.query(`UPDATE task SET status = 'cancelled', updated_at = now() WHERE id = ANY($1) AND status = 'open'`, [taskIds]);
}

/** The open task's assignee (null while unclaimed); undefined when the task is not open. */
export async function openTaskAssignee(db: Queryable, taskId: string): Promise<{ assigneeId: string | null } | undefined> {
  const { rows } = await db.query<{ assigneeId: string | null }>(`SELECT assignee_id AS "assigneeId" FROM task WHERE id = $1 AND status = 'open'`, [taskId]);
  return rows[0];
}

/** Raises the open task's escalation level (never lowers it); false when the task is not open. */
export async function raiseEscalation(db: Queryable, taskId: string, level: number): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE task SET escalation_level = GREATEST(escalation_level, $2), updated_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
    [taskId, level],
  );
  return rows.length > 0;
}

/** The task's context, locked for an update in the same transaction. */
export async function lockTaskContext<T>(db: Queryable, taskId: string): Promise<T | undefined> {
  const { rows } = await db.query<{ context: T }>(`SELECT context FROM task WHERE id = $1 FOR UPDATE`, [taskId]);
  return rows[0]?.context;
}

export async function updateTaskContext(db: Queryable, taskId: string, context: unknown): Promise<void> {
  await db.query(`UPDATE task SET context = $2, updated_at = now() WHERE id = $1`, [taskId, JSON.stringify(context)]);
}
