import { hasRole, type Principal, Roles } from '@sozialraum/kit';

/**
 * Who may do what with measures and offers (DESIGN.md §5, issue 5 point 6). Roles say what a person may do,
 * groups say for which department or space.
 */

/** Roles that read measures of every department: planners and coordinators work across, the committee decides. */
const readAcross = [Roles.planner, Roles.coordinator, Roles.steeringCommittee, Roles.admin, Roles.cycleActivities] as const;
/** Roles that change measures of every department. */
const changeAcross = [Roles.planner, Roles.admin, Roles.cycleActivities] as const;

/** The departments whose measures the principal may read: `'all'`, or a list (empty for viewers). */
export function readScope(principal: Principal): 'all' | string[] {
  if (hasRole(principal, ...readAcross)) return 'all';
  return hasRole(principal, Roles.departmentStaff) ? principal.departments : [];
}

export function mayRead(principal: Principal, department: string): boolean {
  const scope = readScope(principal);
  return scope === 'all' || scope.includes(department);
}

/** Create, change, report on and evaluate: planners for every department, department staff for their own. */
export function mayChange(principal: Principal, department: string): boolean {
  if (hasRole(principal, ...changeAcross)) return true;
  return hasRole(principal, Roles.departmentStaff) && principal.departments.includes(department);
}

/** Approve, reject or return a proposal. */
export function mayDecide(principal: Principal): boolean {
  return hasRole(principal, Roles.planner, Roles.steeringCommittee, Roles.admin, Roles.cycleActivities);
}

/** The approved budget comes from the decision, so a department cannot set its own. */
export const maySetApprovedBudget = mayDecide;

/** Decisions need a decider; every other transition is the work of the planners or the measure's department. */
export function mayTransition(principal: Principal, department: string, decision: boolean): boolean {
  return decision ? mayDecide(principal) : mayChange(principal, department);
}

/** The audit trail of a measure: planners and the department concerned. */
export function mayReadAudit(principal: Principal, department: string | null): boolean {
  if (hasRole(principal, Roles.planner, Roles.admin)) return true;
  return department !== null && hasRole(principal, Roles.departmentStaff) && principal.departments.includes(department);
}

/** Offers: planners everywhere, coordinators in their own spaces. */
export function mayManageOffer(principal: Principal, spaceCode: string): boolean {
  if (hasRole(principal, Roles.planner, Roles.admin)) return true;
  return hasRole(principal, Roles.coordinator) && principal.spaces.includes(spaceCode);
}

export function mayManageProviders(principal: Principal): boolean {
  return hasRole(principal, Roles.planner, Roles.coordinator, Roles.admin);
}

/** The gap view compares all departments' measures: for those who work across them. */
export function mayReadGaps(principal: Principal): boolean {
  return hasRole(principal, Roles.planner, Roles.coordinator, Roles.steeringCommittee, Roles.admin);
}
