import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Roles, SERVICE_CLIENTS } from '@sozialraum/kit';
import { parseDocument } from 'yaml';

/**
 * The production realm (infra/keycloak/realm-sozialraum.production.json) next to the local demo realm: this
 * fails when it loosens any of what production needs — no demo users, no password grant, TLS outside the
 * cluster, brute-force protection, redirect URIs and client secrets as placeholders that the deployment fills
 * from its configuration and Kubernetes Secrets (Keycloak substitutes `${VARIABLE}` when it imports a realm).
 */
const root = join(__dirname, '..', '..');
type Client = {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  rootUrl?: string;
  baseUrl?: string;
  attributes?: Record<string, string>;
  protocolMappers?: Array<{ name: string }>;
};
type User = { username: string; serviceAccountClientId?: string; credentials?: unknown[]; realmRoles?: string[]; groups?: string[] };
type Realm = Record<string, unknown> & { clients: Client[]; users?: User[]; roles: { realm: Array<{ name: string }> }; groups: unknown[] };

const realmOf = (file: string) => JSON.parse(readFileSync(join(root, 'infra', 'keycloak', file), 'utf8')) as Realm;
const production = realmOf('realm-sozialraum.production.json');
const local = realmOf('realm-sozialraum.json');
const client = (realm: Realm, id: string) => realm.clients.find((c) => c.clientId === id);
const PLACEHOLDER = /^\$\{[A-Z][A-Z0-9_]*\}/;
const secretKeys = Object.keys(
  (parseDocument(readFileSync(join(root, 'infra', 'k8s', 'secret.example.yaml'), 'utf8')).toJS() as { stringData: Record<string, string> }).stringData,
);

describe('the production realm', () => {
  test('when it is read, then it has no user but the service accounts, and these have no password', () => {
    for (const user of production.users ?? []) {
      expect(user.username).toBe(`service-account-${user.serviceAccountClientId}`);
      expect(user.credentials ?? []).toEqual([]);
      expect(user.groups ?? []).toEqual([]);
    }
    expect(production.users?.map((u) => u.serviceAccountClientId).sort()).toEqual(['svc-measures', 'svc-strategy']);
  });

  test('when it is read, then no client allows the password grant or the implicit flow, and the dev client is absent', () => {
    expect(client(production, 'sozialraum-dev-cli')).toBeUndefined();
    for (const c of production.clients) {
      expect({ clientId: c.clientId, directAccessGrants: c.directAccessGrantsEnabled === true, implicit: c.implicitFlowEnabled === true }).toEqual({
        clientId: c.clientId,
        directAccessGrants: false,
        implicit: false,
      });
    }
  });

  test('when it is read, then TLS is required outside the cluster and logins are protected against brute force', () => {
    expect(['external', 'all']).toContain(production.sslRequired);
    expect(production).toMatchObject({ bruteForceProtected: true, registrationAllowed: false });
    expect(production.failureFactor).toBeGreaterThan(0);
    expect(production.failureFactor).toBeLessThanOrEqual(10);
    expect(production.permanentLockout === true || Number(production.waitIncrementSeconds) >= 30).toBe(true);
  });

  test('when it is read, then the web client takes its addresses from configuration and requires PKCE', () => {
    const web = client(production, 'sozialraum-web')!;
    expect(web).toMatchObject({ publicClient: true, standardFlowEnabled: true, serviceAccountsEnabled: false });
    expect(web.attributes?.['pkce.code.challenge.method']).toBe('S256');
    const addresses = [...(web.redirectUris ?? []), ...(web.webOrigins ?? []), ...(web.attributes?.['post.logout.redirect.uris'] ?? '').split('##')];
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) {
      expect(address).toMatch(PLACEHOLDER);
      expect(address).not.toMatch(/localhost|127\.0\.0\.1|^\*$|^\+$/);
    }
  });

  test('when it is read, then every confidential client takes its secret from a key of the Kubernetes Secret', () => {
    for (const c of production.clients.filter((c) => !c.publicClient && c.serviceAccountsEnabled)) {
      expect(c.secret).toMatch(/^\$\{[A-Z][A-Z0-9_]*\}$/);
      expect(secretKeys).toContain(c.secret!.slice(2, -1));
    }
    expect(JSON.stringify(production)).not.toMatch(/local-dev-secret|"password"|"demo"/);
  });

  test('when a service account has a service role, then it is a client the services accept it from (azp), in both realms', () => {
    for (const realm of [production, local]) {
      for (const user of (realm.users ?? []).filter((u) => u.serviceAccountClientId)) {
        for (const role of (user.realmRoles ?? []).filter((r) => SERVICE_CLIENTS[r])) expect(SERVICE_CLIENTS[role]).toContain(user.serviceAccountClientId);
      }
      // Monitoring runs its own part of the cycles (evidence, alert hand-over): the strategy service needs no more than `service`.
      expect(realm.users?.find((u) => u.serviceAccountClientId === 'svc-strategy')?.realmRoles).toEqual([Roles.service]);
      expect(realm.roles.realm.map((r) => r.name)).not.toContain('cycle-worker');
    }
  });

  test('when it is compared with the local realm, then roles, groups and token mappers are the same', () => {
    expect(production.roles).toEqual(local.roles);
    expect(production.groups).toEqual(local.groups);
    for (const c of production.clients) expect(c.protocolMappers).toEqual(client(local, c.clientId)?.protocolMappers);
    expect(production.clients.map((c) => c.clientId).sort()).toEqual(local.clients.map((c) => c.clientId).filter((id) => id !== 'sozialraum-dev-cli').sort());
  });
});
