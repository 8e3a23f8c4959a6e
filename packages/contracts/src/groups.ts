/**
 * Who may work on a task: Keycloak groups (departments, committees, neighbourhood coordination) or a
 * realm role. Written as strings so they can be stored, filtered and compared: `group:/departments/soziales`,
 * `group:/committees/working-group`, `group:/coordination/STGT01`, `role:planner`.
 */
export type CandidateGroup = `group:/${string}` | `role:${string}`;

export const candidates = {
  department: (key: string): CandidateGroup => `group:/departments/${key}`,
  coordination: (spaceCode: string): CandidateGroup => `group:/coordination/${spaceCode}`,
  workingGroup: 'group:/committees/working-group' as CandidateGroup,
  steeringCommittee: 'group:/committees/steering-committee' as CandidateGroup,
  planners: 'role:planner' as CandidateGroup,
};

/** The candidate groups a person belongs to, from their principal (roles and group keys). */
export function candidateGroupsOf(person: { roles: string[]; departments: string[]; committees: string[]; spaces: string[] }): CandidateGroup[] {
  return [
    ...person.roles.map((role): CandidateGroup => `role:${role}`),
    ...person.departments.map(candidates.department),
    ...person.committees.map((key): CandidateGroup => `group:/committees/${key}`),
    ...person.spaces.map(candidates.coordination),
  ];
}
