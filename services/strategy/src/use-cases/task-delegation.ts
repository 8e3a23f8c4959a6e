import type { Principal } from '@sozialraum/kit';
import { withTransaction } from '@sozialraum/kit/db';
import type { Directory, Member } from '../data/directory';
import { insertNotification } from '../data/notifications.repository';
import { recordTaskEvent } from '../data/task-events.repository';
import { setAssignee } from '../data/tasks.repository';
import type { StrategyDependencies } from '../dependencies';
import type { Task } from '@sozialraum/contracts';
import type { components } from '../generated/api';
import { taskProblem } from './task-problems';
import { assertMayAct, visibleTask } from './tasks';
import { taskView } from './views';

type Schemas = components['schemas'];
type Deps = Pick<StrategyDependencies, 'pool' | 'notify' | 'directory'>;

/** Every enabled member of the task's candidate groups in Keycloak, once each, by name. */
async function membersOfTask(directory: Directory, task: Task): Promise<Member[]> {
  const lists = await Promise.all(task.candidateGroups.map((group) => directory.membersOf(group)));
  const byId = new Map(lists.flat().map((member) => [member.id, member]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

/** Whom the caller may hand the task to: the same checks as delegating, then everyone of its groups but the caller. */
export async function delegationCandidates(deps: Deps, id: string, principal: Principal): Promise<Schemas['CandidateList']> {
  const task = await visibleTask(deps.pool, id, principal);
  assertMayAct(task, principal);
  const members = await membersOfTask(deps.directory, task);
  return { items: members.filter((m) => m.id !== principal.id).map(({ id: userId, name, username }) => ({ id: userId, name, username })) };
}

/**
 * Hands a task to another member of its candidate groups, also one who never signed in here. Keycloak is
 * asked before the task is locked, so a slow answer holds no row; the checks run again under the lock.
 */
export async function delegateTask(deps: Deps, id: string, principal: Principal, userId: string): Promise<Schemas['Task']> {
  const before = await visibleTask(deps.pool, id, principal);
  assertMayAct(before, principal);
  const target = (await membersOfTask(deps.directory, before)).find((m) => m.id === userId);
  if (!target) {
    throw taskProblem(422, 'delegate-not-candidate', `User ${userId} is not a member of the candidate groups of task ${id} (${before.candidateGroups.join(', ')}).`, {
      errors: [{ pointer: '/body/userId', detail: 'not a member of the candidate groups' }],
    });
  }
  const { task, notificationId } = await withTransaction(deps.pool, async (db) => {
    const current = await visibleTask(db, id, principal, true);
    assertMayAct(current, principal);
    const updated = await setAssignee(db, id, target);
    await recordTaskEvent(db, { taskId: id, kind: 'delegated', actor: principal, target });
    const notification = `${id}:task-delegated:${target.id}:${Date.now()}`;
    await insertNotification(db, {
      id: notification,
      recipient: target.id,
      kind: 'task-delegated',
      taskId: id,
      cycleId: current.cycleId,
      title: `${principal.name} hat Ihnen eine Aufgabe übertragen: ${taskView(current).label}`,
      body: `Sozialraum ${current.spaceCode}, fällig am ${current.dueAt.slice(0, 10)}.`,
    });
    return { task: updated, notificationId: notification };
  });
  await deps.notify([notificationId]);
  return taskView(task);
}
