import { taskProblemType } from '@sozialraum/contracts';
import { AppError, type Logger, retryAfterFor } from '@sozialraum/kit';

/** A person in Keycloak, as delegation and e-mail delivery need them. */
export interface Member {
  id: string;
  name: string;
  username: string;
  email: string | null;
}

/**
 * Who belongs to a candidate group, from Keycloak itself (its admin REST API, with the service's own
 * client-credentials token; its service account has realm-management's view-users and view-realm), so
 * delegation and e-mails reach people who never signed in here.
 */
export interface Directory {
  /** Enabled members of `group:/<path>` (direct members) or `role:<realm role>` (direct holders); [] for an unknown group. */
  membersOf(candidateGroup: string): Promise<Member[]>;
  /** An enabled user by Keycloak ID; undefined when there is none. */
  user(id: string): Promise<Member | undefined>;
}

/** Keycloak did not answer in time (or at all): 503 with Retry-After, so the caller tries again shortly. */
export class DirectoryUnavailableError extends AppError {
  constructor(detail: string, retryAfterSeconds: number, cause?: unknown) {
    super({ status: 503, title: 'Service Unavailable', type: taskProblemType('directory-unavailable'), detail, retryAfterSeconds, cause });
  }
}

export interface KeycloakDirectoryOptions {
  /** Where the admin REST API is reached: `<baseUrl>/admin/realms/<realm>/…`. */
  baseUrl: string;
  realm: string;
  token: () => Promise<string>;
  /** Deadline of one lookup, token included. */
  timeoutMs: number;
  /** How long an answer is reused; group changes in Keycloak show after this at the latest. */
  cacheMs: number;
  logger: Logger;
}

interface KeycloakUser {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  enabled?: boolean;
}

const PAGE = 500;
const MAX_CACHED = 2_000;

const memberOf = (user: KeycloakUser): Member => ({
  id: user.id,
  name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username,
  username: user.username,
  email: user.email ?? null,
});
const enabledMembers = (users: KeycloakUser[]) => users.filter((u) => u.enabled !== false).map(memberOf);

/** Rejects with the signal's reason when it aborts first: the token provider takes no signal of its own. */
function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function createKeycloakDirectory(options: KeycloakDirectoryOptions): Directory {
  const admin = `${options.baseUrl.replace(/\/$/, '')}/admin/realms/${encodeURIComponent(options.realm)}`;
  const retryAfterSeconds = retryAfterFor(options.timeoutMs);
  const cache = new Map<string, { until: number; answer: Promise<unknown> }>();

  /** GET under the realm's admin API; undefined for 404. */
  async function get<T>(path: string, signal: AbortSignal): Promise<T | undefined> {
    const token = await beforeDeadline(options.token(), signal);
    const response = await fetch(`${admin}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Keycloak answered ${response.status} to GET ${path}`);
    return (await response.json()) as T;
  }

  async function allPages(path: string, signal: AbortSignal): Promise<KeycloakUser[] | undefined> {
    const users: KeycloakUser[] = [];
    for (let first = 0; ; first += PAGE) {
      const page = await get<KeycloakUser[]>(`${path}?briefRepresentation=true&first=${first}&max=${PAGE}`, signal);
      if (!page) return first === 0 ? undefined : users;
      users.push(...page);
      if (page.length < PAGE) return users;
    }
  }

  async function lookUpMembers(candidateGroup: string, signal: AbortSignal): Promise<Member[]> {
    if (candidateGroup.startsWith('role:')) {
      return enabledMembers((await allPages(`/roles/${encodeURIComponent(candidateGroup.slice(5))}/users`, signal)) ?? []);
    }
    if (!candidateGroup.startsWith('group:/')) return [];
    const path = candidateGroup.slice('group:/'.length).split('/').map(encodeURIComponent).join('/');
    const group = await get<{ id: string }>(`/group-by-path/${path}`, signal);
    if (!group) return [];
    return enabledMembers((await allPages(`/groups/${encodeURIComponent(group.id)}/members`, signal)) ?? []);
  }

  async function lookUpUser(id: string, signal: AbortSignal): Promise<Member | undefined> {
    const user = await get<KeycloakUser>(`/users/${encodeURIComponent(id)}`, signal);
    return user && user.enabled !== false ? memberOf(user) : undefined;
  }

  /** One lookup under the deadline, shared by concurrent callers and reused for cacheMs; failures are not kept. */
  function cached<T>(key: string, lookUp: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.answer as Promise<T>;
    if (cache.size >= MAX_CACHED) cache.clear();
    const answer = lookUp(AbortSignal.timeout(options.timeoutMs)).catch((error: unknown) => {
      cache.delete(key);
      options.logger.warn({ err: error, lookup: key }, 'Keycloak directory lookup failed');
      throw new DirectoryUnavailableError(`Keycloak did not answer the lookup of ${key} in time; try again shortly.`, retryAfterSeconds, error);
    });
    cache.set(key, { until: Date.now() + options.cacheMs, answer });
    return answer;
  }

  return {
    membersOf: (candidateGroup) => cached(`members:${candidateGroup}`, (signal) => lookUpMembers(candidateGroup, signal)),
    user: (id) => cached(`user:${id}`, (signal) => lookUpUser(id, signal)),
  };
}
