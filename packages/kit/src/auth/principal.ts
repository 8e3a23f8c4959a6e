import type { JWTPayload } from 'jose';

/** The realm roles of the `sozialraum` realm (infra/keycloak). Roles say what a person may do. */
export const Roles = {
  planner: 'planner',
  coordinator: 'coordinator',
  departmentStaff: 'department-staff',
  steeringCommittee: 'steering-committee',
  viewer: 'viewer',
  admin: 'admin',
  rawData: 'raw-data',
  /** A service account calling another service: no per-user budget for expensive reads. */
  service: 'service',
  /**
   * The cycle's activities inside the measures service (its own in-process actor): change measures of every
   * department. No token ever carries it (no client is allowed it below).
   */
  cycleActivities: 'cycle-activities',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/**
 * The clients (`azp`) whose tokens may carry each service role. A service role in any other token (a person's,
 * a client it was granted to by mistake) is dropped, so no misconfigured role mapping makes a person a service.
 * The names are those of the realms in infra/keycloak.
 */
export const SERVICE_CLIENTS: Readonly<Record<string, readonly string[]>> = {
  [Roles.service]: ['svc-measures', 'svc-strategy'],
  [Roles.cycleActivities]: [],
};

/** Who is calling, read from a verified Keycloak access token. Groups say for which department and spaces. */
export interface Principal {
  id: string;
  name: string;
  username?: string;
  /** The OAuth client the token was issued to (`azp`). */
  clientId?: string;
  roles: string[];
  /** Department keys from `/departments/<key>` groups. */
  departments: string[];
  /** Committee keys from `/committees/<key>` groups. */
  committees: string[];
  /** Social space codes from `/coordination/<code>` groups. */
  spaces: string[];
}

interface KeycloakClaims extends JWTPayload {
  name?: string;
  preferred_username?: string;
  azp?: string;
  groups?: unknown;
  realm_access?: { roles?: unknown };
}

const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function groupKeys(groups: string[], parent: string): string[] {
  const prefix = `/${parent}/`;
  return groups.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));
}

export function principalFromClaims(claims: KeycloakClaims): Principal {
  const groups = stringArray(claims.groups);
  return {
    id: claims.sub ?? '',
    name: claims.name ?? claims.preferred_username ?? claims.azp ?? 'unknown',
    username: claims.preferred_username,
    clientId: claims.azp,
    roles: stringArray(claims.realm_access?.roles).filter((role) => !SERVICE_CLIENTS[role] || SERVICE_CLIENTS[role].includes(claims.azp ?? '')),
    departments: groupKeys(groups, 'departments'),
    committees: groupKeys(groups, 'committees'),
    spaces: groupKeys(groups, 'coordination'),
  };
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** Roles that work across all departments (DESIGN.md §5); everyone else is scoped to their own groups. */
const crossDepartmentRoles: Role[] = [Roles.planner, Roles.coordinator, Roles.admin];

/** The departments whose data the principal may see and change: `'all'`, or a list (possibly empty). */
export function departmentScope(principal: Principal): 'all' | string[] {
  return hasRole(principal, ...crossDepartmentRoles) ? 'all' : principal.departments;
}

export function canActForDepartment(principal: Principal, department: string): boolean {
  const scope = departmentScope(principal);
  return scope === 'all' || scope.includes(department);
}
