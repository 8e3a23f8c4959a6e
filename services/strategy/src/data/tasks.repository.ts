import type { CandidateGroup, Phase, Task, TaskStatus, TaskType } from '@sozialraum/contracts';
import { Conditions, type Page } from './db';
import type { Queryable } from '@sozialraum/kit/db';

/** The task table's row as PostgreSQL returns it; it leaves this file as the contracts' `Task`. */
interface TaskRow {
  id: string;
  cycle_id: string;
  key: string;
  type: TaskType;
  phase: Phase;
  space_code: string;
  candidate_groups: CandidateGroup[];
  department: string | null;
  measure_ids: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  status: TaskStatus;
  priority: number;
  created_at: Date;
  due_at: Date;
  follow_up_at: Date | null;
  escalation_level: number;
  context: Record<string, unknown>;
  result: Record<string, unknown> | null;
  completed_by: string | null;
  completed_at: Date | null;
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

function taskRecord(row: TaskRow): Task {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    key: row.key,
    type: row.type,
    phase: row.phase,
    spaceCode: row.space_code,
    candidateGroups: row.candidate_groups,
    department: row.department,
    measureIds: row.measure_ids,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? row.assignee_id } : null,
    status: row.status,
    priority: row.priority,
    createdAt: row.created_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    followUpAt: iso(row.follow_up_at),
    escalationLevel: row.escalation_level,
    context: row.context,
    result: row.result,
    completedBy: row.completed_by,
    completedAt: iso(row.completed_at),
  };
}

/** Who reads: their user ID, their candidate groups, and whether they see every department's tasks. */
export interface TaskReader {
  id: string;
  groups: string[];
  seesAll: boolean;
}

/** The condition on a task row (`alias.` columns) that the reader may see it: candidate groups, assignee, or all. */
export function visibleTo(where: Conditions, reader: TaskReader, alias = ''): string {
  if (reader.seesAll) return 'true';
  return `(${alias}candidate_groups && ${where.param(reader.groups)}::text[] OR ${alias}assignee_id = ${where.param(reader.id)})`;
}

/** A task is visible to its candidate groups and its assignee, and to readers who see all. */
export function addVisibility(where: Conditions, reader: TaskReader): Conditions {
  return reader.seesAll ? where : where.addFixed(visibleTo(where, reader));
}

export interface TaskFilter {
  scope: 'mine' | 'groups' | 'all';
  type?: string;
  phase?: string;
  space?: string;
  cycle?: string;
  status: string;
  dueBefore?: string;
  /** overdue: open and past due; soon: due within the next 3 days. */
  due?: 'overdue' | 'soon';
  assigned: 'me' | 'unassigned' | 'any';
  escalated?: boolean;
  sort: string;
}

const dueConditions = {
  overdue: `(due_at < now() AND status = 'open')`,
  soon: `(due_at >= now() AND due_at < now() + interval '3 days')`,
};

const sortColumns: Record<string, string> = { due: 'due_at', created: 'created_at', priority: 'priority' };

export async function listTasks(db: Queryable, reader: TaskReader, filter: TaskFilter, page: Page): Promise<{ rows: Task[]; total: number }> {
  const where = new Conditions();
  if (filter.scope === 'mine') where.add('assignee_id = $?', reader.id);
  else if (filter.scope === 'groups') where.add('candidate_groups && $?::text[]', reader.groups);
  else addVisibility(where, reader);
  where
    .add('status = $?', filter.status)
    .addIf('type = $?', filter.type)
    .addIf('phase = $?', filter.phase)
    .addIf('space_code = $?', filter.space)
    .addIf('cycle_id = $?', filter.cycle)
    .addIf('due_at < $?', filter.dueBefore);
  if (filter.due) where.addFixed(dueConditions[filter.due]);
  if (filter.assigned === 'me') where.add('assignee_id = $?', reader.id);
  if (filter.assigned === 'unassigned') where.addFixed('assignee_id IS NULL');
  if (filter.escalated !== undefined) where.addFixed(filter.escalated ? 'escalation_level > 0' : 'escalation_level = 0');
  const descending = filter.sort.startsWith('-');
  const column = sortColumns[filter.sort.replace(/^-/, '')] ?? 'due_at';
  const filterParams = [...where.params];
  const limit = where.param(page.limit);
  const offset = where.param(page.offset);
  // The page and the count apart: a window count(*) OVER () would read every matching row whole (context
  // included) and sort them all, for the 50 shown; the count alone reads the index and the heap's few columns.
  const [{ rows }, counted] = await Promise.all([
    db.query<TaskRow>(`SELECT * FROM task ${where.where()} ORDER BY ${column} ${descending ? 'DESC' : 'ASC'}, id LIMIT ${limit} OFFSET ${offset}`, where.params),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM task ${where.where()}`, filterParams),
  ]);
  return { rows: rows.map(taskRecord), total: counted.rows[0]?.total ?? 0 };
}

/** Raised once by every transaction that changes tasks, at its commit (migration task-version). */
export async function taskVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM task_version');
  return rows[0]!.value;
}

export interface TaskCounts {
  mine: number;
  groups: number;
  visible: number;
  overdue: number;
  unassigned: number;
  escalated: number;
}

/** The inbox badges in one pass over the open tasks the reader may see. */
export async function countOpenTasks(db: Queryable, reader: TaskReader, cycleId?: string): Promise<TaskCounts> {
  const where = addVisibility(new Conditions().addFixed(`status = 'open'`).addIf('cycle_id = $?', cycleId), reader);
  const me = where.param(reader.id);
  const groups = where.param(reader.groups);
  const { rows } = await db.query<TaskCounts>(
    `SELECT count(*) FILTER (WHERE assignee_id = ${me})::int AS mine,
            count(*) FILTER (WHERE candidate_groups && ${groups}::text[])::int AS groups,
            count(*)::int AS visible,
            count(*) FILTER (WHERE due_at < now())::int AS overdue,
            count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned,
            count(*) FILTER (WHERE escalation_level > 0)::int AS escalated
     FROM task ${where.where()}`,
    where.params,
  );
  return rows[0]!;
}

/** Open tasks of a cycle that the reader may see. */
export async function openTasksOf(db: Queryable, cycleId: string, reader: TaskReader): Promise<Task[]> {
  const where = addVisibility(new Conditions().add('cycle_id = $?', cycleId).add('status = $?', 'open'), reader);
  const { rows } = await db.query<TaskRow>(`SELECT * FROM task ${where.where()} ORDER BY due_at, id`, where.params);
  return rows.map(taskRecord);
}

/** The task if the reader may see it; `FOR UPDATE` inside a transaction holds it while deciding. */
export async function findVisibleTask(db: Queryable, id: string, reader: TaskReader, lock = false): Promise<Task | undefined> {
  const where = addVisibility(new Conditions().add('id = $?', id), reader);
  const { rows } = await db.query<TaskRow>(`SELECT * FROM task ${where.where()}${lock ? ' FOR UPDATE' : ''}`, where.params);
  return rows[0] && taskRecord(rows[0]);
}

export async function setAssignee(db: Queryable, id: string, assignee: { id: string; name: string } | null): Promise<Task> {
  const { rows } = await db.query<TaskRow>(
    'UPDATE task SET assignee_id = $2, assignee_name = $3, updated_at = now() WHERE id = $1 RETURNING *',
    [id, assignee?.id ?? null, assignee?.name ?? null],
  );
  return taskRecord(rows[0]!);
}

/**
 * Shows an accepted completion and closes its lease with the cycle's outcome, in one statement; the workflow's
 * activity writes the same values (idempotently) when it records the completion, whichever comes first.
 */
export async function markCompleted(
  db: Queryable,
  id: string,
  by: string,
  result: unknown,
  lease: { holder: string; outcome: unknown },
): Promise<Task | undefined> {
  const { rows } = await db.query<TaskRow>(
    `WITH finished AS (
       UPDATE task_completion SET state = 'done', outcome = $5, updated_at = now() WHERE task_id = $1 AND holder = $4
     )
     UPDATE task SET status = 'completed', completed_by = COALESCE(completed_by, $2), completed_at = COALESCE(completed_at, now()),
            result = COALESCE(result, $3), updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, by, JSON.stringify(result), lease.holder, JSON.stringify(lease.outcome)],
  );
  return rows[0] && taskRecord(rows[0]);
}

/** Whether the cycle's activity has recorded the task's completion (its transaction committed). */
export async function completionRecorded(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ recorded: boolean }>(`SELECT completed_at IS NOT NULL AS recorded FROM task WHERE id = $1`, [id]);
  return rows[0]?.recorded ?? false;
}

/** Open tasks of every cycle, how many are overdue and how many escalated: the platform's backlog of people. */
export async function openTaskBacklog(db: Queryable): Promise<{ open: number; overdue: number; escalated: number }> {
  const { rows } = await db.query<{ open: number; overdue: number; escalated: number }>(
    `SELECT count(*)::int AS open,
            count(*) FILTER (WHERE due_at < now())::int AS overdue,
            count(*) FILTER (WHERE escalation_level > 0)::int AS escalated
       FROM task WHERE status = 'open'`,
  );
  return rows[0] ?? { open: 0, overdue: 0, escalated: 0 };
}
