import { createHash } from 'node:crypto';
import type { Task } from '@sozialraum/contracts';
import { createVersionedCache, hasRole, keepSerialized, type Logger, type Principal, problems, Roles, type VersionedCache } from '@sozialraum/kit';
import { type ListenedVersion, listenedVersion, type Pool, withTransaction } from '@sozialraum/kit/db';
import { addComment, listComments } from '../data/comments.repository';
import type { Page } from '../data/db';
export type { Page };
import type { Queryable } from '@sozialraum/kit/db';
import { recordTaskEvent } from '../data/task-events.repository';
import { countOpenTasks, findVisibleTask, listTasks, setAssignee, type TaskFilter, type TaskReader, taskVersion } from '../data/tasks.repository';
export type { TaskFilter };
import type { components } from '../generated/api';
import { isCandidate, taskReader } from './access';
import { taskProblem } from './task-problems';
import { commentView, taskView } from './views';

type Schemas = components['schemas'];

/** Inbox pages by task version and question, and the task version as of now. */
export interface InboxCache {
  pages: VersionedCache<Schemas['TaskPage']>;
  /**
   * In memory while its notifications are heard (migration task-version-notify): read again after each commit
   * of this process and after each notification, so another replica's change shows within the notification's
   * delay; read per request while the listening connection is away.
   */
  version: ListenedVersion<string>;
}

export function createInboxCache(pool: Pool, maxEntries: number, notifications: { connectionString: string; logger: Logger }): InboxCache {
  return {
    pages: createVersionedCache(maxEntries),
    version: listenedVersion({ ...notifications, channel: 'strategy_task_version', applicationName: 'strategy task version', read: () => taskVersion(pool) }),
  };
}

/**
 * An inbox page. Asked again before any task changed (same task version), it comes from the cache, sent from
 * bytes serialized once, with an ETag; pages filtered by due date compare with the clock and are always computed.
 */
export async function findTasks(pool: Pool, cache: InboxCache, principal: Principal, filter: TaskFilter, page: Page): Promise<Schemas['TaskPage']> {
  const reader = taskReader(principal);
  if (filter.scope === 'all' && !reader.seesAll) throw problems.forbidden('Only planners and coordinators see every department\'s tasks; use scope "mine" or "groups".');
  const question = JSON.stringify([whoseAnswer(reader, filter), filter, page]);
  // Read before the page: the page can then only be newer than the version it is kept under, never older.
  const version = cache.pages.enabled && filter.due === undefined ? await cache.version.current() : undefined;
  const cached = version === undefined ? undefined : cache.pages.get(version, question);
  if (cached) return cached;
  const { rows, total } = await listTasks(pool, reader, filter, page);
  const answer: Schemas['TaskPage'] = { items: rows.map(taskView), total };
  if (version === undefined) return answer;
  // Version and question name the page exactly: an ETag without hashing the page.
  cache.pages.set(version, question, keepSerialized(answer, `W/"${createHash('sha1').update(`${version}|${question}`).digest('base64url')}"`));
  return answer;
}

/**
 * What of the reader a page depends on, as listTasks selects it: the user for their own tasks, the groups for
 * their groups' tasks, nothing more for the whole list (only planners and coordinators get it). It is part of
 * the question, so a page kept for one department is never given to another, while the members of one
 * department (and all planners) share their pages and ETags: the same bytes, kept once.
 */
function whoseAnswer(reader: TaskReader, filter: TaskFilter): [string | null, readonly string[] | null] {
  return [filter.scope === 'mine' || filter.assigned === 'me' ? reader.id : null, filter.scope === 'groups' ? reader.groups : null];
}

/** The inbox badges; `all` only for those who see every department's tasks. */
export async function countTasks(pool: Pool, principal: Principal, cycleId?: string): Promise<Schemas['TaskCounts']> {
  const reader = taskReader(principal);
  const { visible, ...counts } = await countOpenTasks(pool, reader, cycleId);
  return { ...counts, all: reader.seesAll ? visible : null };
}

/** 404 for a task the reader may not see: other departments' tasks are not even confirmed to exist. */
export async function visibleTask(db: Queryable, id: string, principal: Principal, lock = false): Promise<Task> {
  const task = await findVisibleTask(db, id, taskReader(principal), lock);
  if (!task) throw taskProblem(404, 'task-not-found', `There is no task ${id} in your inbox.`);
  return task;
}

export async function getTask(pool: Pool, id: string, principal: Principal): Promise<Schemas['Task']> {
  return taskView(await visibleTask(pool, id, principal));
}

const notOpen = (task: Pick<Task, 'id' | 'status'>) =>
  taskProblem(409, 'task-not-open', `Task ${task.id} is ${task.status}.`, { extensions: { taskStatus: task.status } });

/** The checks every action on a task shares: it is open, the actor is a candidate, nobody else holds it. */
export function assertMayAct(task: Task, principal: Principal): void {
  if (task.status !== 'open') throw notOpen(task);
  if (!isCandidate(principal, task)) {
    throw taskProblem(403, 'not-candidate', `You are not in the candidate groups of task ${task.id} (${task.candidateGroups.join(', ')}).`);
  }
  if (task.assignee && task.assignee.id !== principal.id) {
    throw taskProblem(409, 'task-claimed-by-other', `Task ${task.id} is claimed by ${task.assignee.name}.`, {
      extensions: { assignee: task.assignee },
    });
  }
}

export function claimTask(pool: Pool, id: string, principal: Principal): Promise<Schemas['Task']> {
  return withTransaction(pool, async (db) => {
    const task = await visibleTask(db, id, principal, true);
    assertMayAct(task, principal);
    if (task.assignee?.id === principal.id) return taskView(task);
    await recordTaskEvent(db, { taskId: id, kind: 'claimed', actor: principal });
    return taskView(await setAssignee(db, id, principal));
  });
}

export function unclaimTask(pool: Pool, id: string, principal: Principal): Promise<Schemas['Task']> {
  return withTransaction(pool, async (db) => {
    const task = await visibleTask(db, id, principal, true);
    if (task.status !== 'open') throw notOpen(task);
    if (!task.assignee) return taskView(task);
    // Planners may free a task whose assignee is away.
    if (task.assignee.id !== principal.id && !hasRole(principal, Roles.planner)) {
      throw taskProblem(403, 'not-assignee', `Only ${task.assignee.name} (or a planner) can give task ${id} back.`);
    }
    const previous = task.assignee.id === principal.id ? null : task.assignee;
    await recordTaskEvent(db, { taskId: id, kind: 'unclaimed', actor: principal, target: previous });
    return taskView(await setAssignee(db, id, null));
  });
}

export async function commentsOf(pool: Pool, id: string, principal: Principal): Promise<Schemas['Comment'][]> {
  await visibleTask(pool, id, principal);
  return (await listComments(pool, id)).map(commentView);
}

export async function commentOn(pool: Pool, id: string, principal: Principal, text: string): Promise<Schemas['Comment']> {
  await visibleTask(pool, id, principal);
  return commentView(await addComment(pool, id, principal, text));
}
