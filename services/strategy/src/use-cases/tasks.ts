import { hasRole, type Principal, problems, Roles } from '@sozialraum/kit';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { addComment, listComments } from '../data/comments.repository';
import type { Page, Queryable } from '../data/db';
import { insertNotification } from '../data/notifications.repository';
import { findVisibleTask, listTasks, setAssignee, type TaskFilter, type TaskRow } from '../data/tasks.repository';
import { findKnownUser } from '../data/users.repository';
import type { StrategyDependencies } from '../dependencies';
import type { components } from '../generated/api';
import { isCandidate, taskReader } from './access';
import { commentView, taskView } from './views';

type Schemas = components['schemas'];

export async function findTasks(pool: Pool, principal: Principal, filter: TaskFilter, page: Page): Promise<Schemas['TaskPage']> {
  const reader = taskReader(principal);
  if (filter.scope === 'all' && !reader.seesAll) throw problems.forbidden('Only planners and coordinators see every department\'s tasks; use scope "mine" or "groups".');
  const { rows, total } = await listTasks(pool, reader, filter, page);
  return { items: rows.map(taskView), total };
}

/** 404 for a task the reader may not see: other departments' tasks are not even confirmed to exist. */
export async function visibleTask(db: Queryable, id: string, principal: Principal, lock = false): Promise<TaskRow> {
  const task = await findVisibleTask(db, id, taskReader(principal), lock);
  if (!task) throw problems.notFound(`There is no task ${id} in your inbox.`);
  return task;
}

export async function getTask(pool: Pool, id: string, principal: Principal): Promise<Schemas['Task']> {
  return taskView(await visibleTask(pool, id, principal));
}

/** The checks every action on a task shares: it is open, the actor is a candidate, nobody else holds it. */
export function assertMayAct(task: TaskRow, principal: Principal): void {
  if (task.status !== 'open') throw problems.conflict(`Task ${task.id} is ${task.status}.`, { status: task.status });
  if (!isCandidate(principal, task)) throw problems.forbidden(`You are not in the candidate groups of task ${task.id} (${task.candidate_groups.join(', ')}).`);
  if (task.assignee_id && task.assignee_id !== principal.id) {
    throw problems.conflict(`Task ${task.id} is claimed by ${task.assignee_name ?? task.assignee_id}.`, { assignee: { id: task.assignee_id, name: task.assignee_name } });
  }
}

export function claimTask(pool: Pool, id: string, principal: Principal): Promise<Schemas['Task']> {
  return withTransaction(pool, async (db) => {
    const task = await visibleTask(db, id, principal, true);
    assertMayAct(task, principal);
    return taskView(task.assignee_id === principal.id ? task : await setAssignee(db, id, principal));
  });
}

export function unclaimTask(pool: Pool, id: string, principal: Principal): Promise<Schemas['Task']> {
  return withTransaction(pool, async (db) => {
    const task = await visibleTask(db, id, principal, true);
    if (task.status !== 'open') throw problems.conflict(`Task ${id} is ${task.status}.`);
    if (!task.assignee_id) return taskView(task);
    // Planners may free a task whose assignee is away.
    if (task.assignee_id !== principal.id && !hasRole(principal, Roles.planner)) {
      throw problems.forbidden(`Only ${task.assignee_name ?? task.assignee_id} (or a planner) can give task ${id} back.`);
    }
    return taskView(await setAssignee(db, id, null));
  });
}

type NotifyDeps = Pick<StrategyDependencies, 'pool' | 'notify'>;

/** Hands a task to another member of its candidate groups (as far as the service has seen them sign in). */
export async function delegateTask(deps: NotifyDeps, id: string, principal: Principal, userId: string): Promise<Schemas['Task']> {
  const { task, notificationId } = await withTransaction(deps.pool, async (db) => {
    const current = await visibleTask(db, id, principal, true);
    assertMayAct(current, principal);
    const target = await findKnownUser(db, userId);
    if (!target) throw problems.unprocessable(`User ${userId} is not known here yet: they must have signed in once.`, [{ pointer: '/body/userId', detail: 'unknown user' }]);
    if (!target.groups.some((g) => current.candidate_groups.includes(g))) {
      throw problems.unprocessable(`${target.name} is not in the candidate groups of task ${id}.`, [{ pointer: '/body/userId', detail: 'not a candidate' }]);
    }
    const updated = await setAssignee(db, id, target);
    const notification = `${id}:task-delegated:${target.id}:${Date.now()}`;
    await insertNotification(db, {
      id: notification,
      recipient: target.id,
      kind: 'task-delegated',
      taskId: id,
      cycleId: current.cycle_id,
      title: `${principal.name} hat Ihnen eine Aufgabe übertragen: ${taskView(current).label}`,
      body: `Sozialraum ${current.space_code}, fällig am ${current.due_at.toISOString().slice(0, 10)}.`,
    });
    return { task: updated, notificationId: notification };
  });
  await deps.notify([notificationId]);
  return taskView(task);
}

export async function commentsOf(pool: Pool, id: string, principal: Principal): Promise<Schemas['Comment'][]> {
  await visibleTask(pool, id, principal);
  return (await listComments(pool, id)).map(commentView);
}

export async function commentOn(pool: Pool, id: string, principal: Principal, text: string): Promise<Schemas['Comment']> {
  await visibleTask(pool, id, principal);
  return commentView(await addComment(pool, id, principal, text));
}
