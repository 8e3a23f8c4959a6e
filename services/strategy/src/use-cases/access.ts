import { candidateGroupsOf } from '@sozialraum/contracts';
import { departmentScope, hasRole, type Principal, Roles } from '@sozialraum/kit';
import type { DepartmentFilter } from '../data/cycle-content.repository';
import type { Task } from '@sozialraum/contracts';
import type { TaskReader } from '../data/tasks.repository';

/** Tasks: visible to their candidate groups and assignee; planners and coordinators see every department's. */
export function taskReader(principal: Principal): TaskReader {
  return { id: principal.id, groups: candidateGroupsOf(principal), seesAll: hasRole(principal, Roles.planner, Roles.coordinator) };
}

/**
 * Needs, proposals and decisions of a cycle: department staff see their own department's; planners,
 * coordinators and committee members (who review and decide the whole package) see all.
 */
export function contentScope(principal: Principal): DepartmentFilter {
  const scope = departmentScope(principal);
  if (scope === 'all' || hasRole(principal, Roles.steeringCommittee) || principal.committees.length > 0) return 'all';
  return scope;
}

/** Acting on a task (claim, delegate, complete) needs membership in one of its candidate groups. */
export function isCandidate(principal: Principal, task: Pick<Task, 'candidateGroups'>): boolean {
  const mine = new Set<string>(candidateGroupsOf(principal));
  return task.candidateGroups.some((group) => mine.has(group));
}
