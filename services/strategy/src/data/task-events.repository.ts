import type { TaskHistoryKind } from '@sozialraum/contracts';
import type { Queryable } from '@sozialraum/kit/db';

export type TaskEventKind = 'claimed' | 'unclaimed' | 'delegated';
type Person = { id: string; name: string };

/** Records an inbox action; called inside the transaction that makes the change. */
export async function recordTaskEvent(db: Queryable, event: { taskId: string; kind: TaskEventKind; actor: Person; target?: Person | null }): Promise<void> {
  await db.query('INSERT INTO task_event (task_id, kind, actor_id, actor_name, target_id, target_name) VALUES ($1, $2, $3, $4, $5, $6)', [
    event.taskId,
    event.kind,
    event.actor.id,
    event.actor.name,
    event.target?.id ?? null,
    event.target?.name ?? null,
  ]);
}

export interface TaskHistoryRecord {
  at: Date;
  kind: TaskHistoryKind;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  targetName: string | null;
  /** commented: the text; escalated: the level; completed: the completer's name as the task row has it; created: the due date. */
  info: string | null;
}

/**
 * Everything that happened to one task, oldest first, in one statement: the task row (created, completed,
 * cancelled), the inbox actions (task_event), comments, and the reminders and escalations the workflow's
 * notifications record. The completer comes from the API's completion record, which has their ID.
 */
export async function taskHistory(db: Queryable, taskId: string): Promise<TaskHistoryRecord[]> {
  const { rows } = await db.query<TaskHistoryRecord>(
    `SELECT at, kind, actor_id AS "actorId", actor_name AS "actorName", target_id AS "targetId", target_name AS "targetName", info FROM (
       SELECT created_at AS at, 'created' AS kind, NULL AS actor_id, NULL AS actor_name, NULL AS target_id, NULL AS target_name,
              to_char(due_at AT TIME ZONE 'Europe/Berlin', 'DD.MM.YYYY') AS info, 0 AS rank
       FROM task WHERE id = $1
       UNION ALL
       SELECT at, kind, actor_id, actor_name, target_id, target_name, NULL, 1 FROM task_event WHERE task_id = $1
       UNION ALL
       SELECT created_at, 'commented', author_id, author_name, NULL, NULL, text, 1 FROM task_comment WHERE task_id = $1
       UNION ALL
       SELECT min(created_at), 'reminder', NULL, NULL, NULL, NULL, NULL, 1 FROM notification WHERE task_id = $1 AND kind = 'reminder' GROUP BY created_at
       UNION ALL
       SELECT min(created_at), 'escalated', NULL, NULL, NULL, NULL, substring(id FROM ':escalation:(\\d+)'), 1
       FROM notification WHERE task_id = $1 AND kind = 'escalation' GROUP BY substring(id FROM ':escalation:(\\d+)')
       UNION ALL
       SELECT COALESCE(t.completed_at, t.updated_at), 'completed', c.by_id, c.by_name, NULL, NULL, t.completed_by, 2
       FROM task t LEFT JOIN task_completion c ON c.task_id = t.id AND c.state = 'done' WHERE t.id = $1 AND t.status = 'completed'
       UNION ALL
       SELECT updated_at, 'cancelled', NULL, NULL, NULL, NULL, NULL, 2 FROM task WHERE id = $1 AND status = 'cancelled'
     ) history ORDER BY at, rank`,
    [taskId],
  );
  return rows;
}
