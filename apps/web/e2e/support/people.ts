import { issuer, masterRealmToken } from '@sozialraum/kit/testing';

/**
 * A neighbourhood coordinator for one space, made in the local Keycloak for the browser tests: the demo's
 * `koordination` works only for 01, 03, 08 and 13, whose cycles other specs need. Idempotent; the password
 * is the demo's. Keycloak's admin API with its master-realm admin (local stack only).
 */
export async function ensureCoordinator(spaceCode: string): Promise<string> {
  const username = `e2e-koordination-${spaceCode.toLowerCase()}`;
  const realmUrl = issuer();
  const admin = realmUrl.replace('/realms/', '/admin/realms/');
  const token = await masterRealmToken();
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${admin}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok && response.status !== 409) throw new Error(`Keycloak ${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 || response.status === 201 || response.status === 409 ? undefined : response.json();
  };
  await call('/users', {
    method: 'POST',
    body: {
      username, enabled: true, emailVerified: true, firstName: 'Testkoordination', lastName: spaceCode, email: `${username}@example.org`,
      credentials: [{ type: 'password', value: 'demo', temporary: false }],
    },
  });
  const [user] = (await call(`/users?username=${username}&exact=true`)) as Array<{ id: string }>;
  const group = (await call(`/group-by-path/coordination/${spaceCode}`)) as { id: string };
  await call(`/users/${user!.id}/groups/${group.id}`, { method: 'PUT' });
  const role = await call('/roles/coordinator');
  await call(`/users/${user!.id}/role-mappings/realm`, { method: 'POST', body: [role] });
  return username;
}
