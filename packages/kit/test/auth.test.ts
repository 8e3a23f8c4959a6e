import { createServiceTokenProvider, principalFromClaims } from '../src';
import { call, listen, masterRealmToken, type RunningServer, stackEnv, userToken } from '../src/testing';
import { createFixtureApp, realmVerifier } from './fixtures/app';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];

describe('token verification against the real Keycloak', () => {
  let server: RunningServer;
  let plannerToken: string;

  beforeAll(async () => {
    server = await listen(createFixtureApp());
    plannerToken = await userToken('planer');
  });
  afterAll(() => server.close());

  const expectUnauthorized = async (token: string | undefined, detail: RegExp) => {
    const response = await call(`${server.url}/v1/me`, { token });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(response.body.detail).toMatch(detail);
  };

  test('when a user signs in with a password grant, then the token is accepted and becomes a principal', async () => {
    const response = await call(`${server.url}/v1/me`, { token: await userToken('soziales') });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      username: 'soziales',
      roles: expect.arrayContaining(['department-staff']),
      departments: ['soziales'],
      spaces: [],
    });
  });

  test('when a coordinator signs in, then the principal carries the spaces of their coordination groups', async () => {
    const response = await call(`${server.url}/v1/me`, { token: await userToken('koordination') });
    expect(response.body.spaces).toEqual(expect.arrayContaining(['STGT01', 'STGT03', 'STGT08']));
    expect(response.body.roles).toContain('coordinator');
  });

  test('when a service uses its client-credentials token, then it carries only the roles of its own client', async () => {
    const login = (clientId: string, secret: string) =>
      createServiceTokenProvider({ keycloakUrl: stackEnv('KEYCLOAK_URL'), realm: 'sozialraum', clientId, clientSecret: stackEnv(secret) })();
    const measures = await call(`${server.url}/v1/me`, { token: await login('svc-measures', 'KEYCLOAK_SECRET_MEASURES') });
    expect(measures.body.roles).toContain('service');
    const strategy = await call(`${server.url}/v1/me`, { token: await login('svc-strategy', 'KEYCLOAK_SECRET_STRATEGY') });
    expect(strategy.status).toBe(200);
    expect(strategy.body.clientId).toBe('svc-strategy');
    expect(strategy.body.roles).toContain('service');
    expect(strategy.body.roles).not.toContain('cycle-activities');
  });

  test('when a service role reaches a token of another client, then the principal does not get it (azp decides)', () => {
    const claims = { sub: 'u', azp: 'sozialraum-web', realm_access: { roles: ['planner', 'service', 'cycle-activities'] } };
    expect(principalFromClaims(claims).roles).toEqual(['planner']);
    expect(principalFromClaims({ ...claims, azp: 'svc-measures' }).roles).toEqual(['planner', 'service']);
    expect(principalFromClaims({ ...claims, azp: 'svc-strategy' }).roles).toEqual(['planner', 'service']);
  });

  test('when no token is sent, then 401 problem+json', async () => {
    await expectUnauthorized(undefined, /Authorization: Bearer/);
  });

  test('when the token has expired, then 401', async () => {
    const server2 = await listen(createFixtureApp({ verifier: realmVerifier({ now: () => new Date(Date.now() + 3_600_000) }) }));
    try {
      const response = await call(`${server2.url}/v1/me`, { token: plannerToken });
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/expired/);
    } finally {
      await server2.close();
    }
  });

  test('when the payload was tampered with, then 401', async () => {
    const [header, payload, signature] = parts(plannerToken);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.realm_access.roles.push('admin');
    await expectUnauthorized(`${header}.${b64url(claims)}.${signature}`, /invalid or not signed/);
  });

  test('when the token comes from another realm, then 401', async () => {
    await expectUnauthorized(await masterRealmToken(), /invalid or not signed|iss/);
  });

  test('when the token was issued for another audience, then 401', async () => {
    // admin-cli of the same realm issues tokens without the sozialraum-api audience.
    await expectUnauthorized(await userToken('planer', 'demo', 'admin-cli'), /"aud" claim/);
  });

  test('when the token is unsigned (alg none), then 401', async () => {
    const [, payload] = parts(plannerToken);
    await expectUnauthorized(`${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`, /algorithm|invalid/);
  });

  test('when a valid token lacks the role, then 403 problem+json', async () => {
    const response = await call(`${server.url}/v1/admin/status`, { token: await userToken('gast') });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toMatch(/admin/);
  });

  test('when an admin asks for the status, then it lists the dependency checks', async () => {
    const response = await call(`${server.url}/v1/admin/status`, { token: await userToken('it-admin') });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ service: 'fixture', checks: { keycloak: 'ok' } });
  });
});
