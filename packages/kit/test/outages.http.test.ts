import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHttpApp, createLogger, createServiceClient, createTokenVerifier, type HealthCheck, keycloakIssuer, loadOpenApiDocument, type TokenVerifier } from '../src';
import { call, type FaultProxy, listen, type RunningServer, stackEnv, startFaultProxy, userTokenAt } from '../src/testing';

/**
 * Keycloak and another service being away or slow, through a fault proxy in front of the real Keycloak:
 * readiness stays up, status and metrics show the outage, tokens keep verifying with cached keys, and
 * calls end at their deadline with 503 + Retry-After (an upstream 401/403 as 502).
 */
const openapi = loadOpenApiDocument(join(__dirname, 'fixtures', 'outages.openapi.yaml'));
const keycloak = new URL(stackEnv('KEYCLOAK_URL'));
const realm = process.env.KEYCLOAK_REALM ?? 'sozialraum';
const KEYCLOAK_TIMEOUT_MS = 1_500;

function outageApp(verifier: TokenVerifier, health: HealthCheck[], expensivePerMinute = 0) {
  return createHttpApp({
    name: 'outages',
    logger: createLogger({ name: 'outages', level: 'silent' }),
    openapi,
    verifier,
    health,
    config: { EXPENSIVE_REQUESTS_PER_MINUTE: expensivePerMinute },
    routes: (router) => {
      router.get('/v1/report', (_req, res) => {
        res.json({ ok: true });
      });
      router.post('/v1/upstream', async (req, res) => {
        const body = req.body as { url: string; timeoutMs: number };
        const client = createServiceClient({ baseUrl: body.url, token: async () => 'service-token', timeoutMs: body.timeoutMs });
        res.json(await client('GET', 'thing'));
      });
    },
  });
}

/** How long a call took, and its answer. */
async function timed(url: string, options: Parameters<typeof call>[1]) {
  const started = Date.now();
  const response = await call(url, options);
  return { ...response, ms: Date.now() - started };
}

describe('when Keycloak is away', () => {
  let proxy: FaultProxy;
  let server: RunningServer;
  let token: string;
  const viaProxy = () => keycloakIssuer(proxy.via(keycloak.origin), realm);

  beforeAll(async () => {
    proxy = await startFaultProxy({ host: keycloak.hostname, port: Number(keycloak.port) });
    // The issuer is the address the token was asked at: the proxy, as for a service behind it.
    const verifier = createTokenVerifier({ issuer: viaProxy(), audience: 'sozialraum-api', timeoutMs: KEYCLOAK_TIMEOUT_MS });
    const database: HealthCheck = { name: 'postgres', essential: true, check: async () => undefined };
    server = await listen(outageApp(verifier, [database, { name: 'keycloak', check: () => verifier.ready() }]));
    token = await userTokenAt(proxy.via(keycloak.origin), 'it-admin');
    expect((await call(`${server.url}/v1/me`, { token })).status).toBe(200); // the keys are fetched now
  });
  afterAll(async () => {
    await server.close();
    await proxy.close();
  });

  test('when Keycloak stalls, then tokens keep verifying with the cached keys and readiness stays up', async () => {
    proxy.stall();
    try {
      const me = await timed(`${server.url}/v1/me`, { token });
      expect(me.status).toBe(200);
      expect(me.ms).toBeLessThan(KEYCLOAK_TIMEOUT_MS);
      const ready = await call(`${server.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toEqual({ postgres: 'ok' });
    } finally {
      proxy.resume();
    }
  });

  test('when Keycloak is down, then /v1/admin/status and the metrics show it, and it shows up again when back', async () => {
    await proxy.down();
    try {
      const status = await timed(`${server.url}/v1/admin/status`, { token });
      expect(status.status).toBe(200);
      expect(status.body.ready).toBe(true);
      expect(status.body.dependencies).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'postgres', essential: true, up: true }),
          expect.objectContaining({ name: 'keycloak', essential: false, up: false }),
        ]),
      );
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/dependency_up\{dependency="keycloak",essential="false",service="outages"\} 0/);
      expect(metrics).toMatch(/dependency_up\{dependency="postgres",essential="true",service="outages"\} 1/);
    } finally {
      await proxy.up();
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/dependency_up\{dependency="keycloak",essential="false",service="outages"\} 1/);
  });

  test('when a process that never fetched the keys meets a stalled Keycloak, then 503 with Retry-After at the deadline, and it verifies once Keycloak is back', async () => {
    const fresh = createTokenVerifier({ issuer: viaProxy(), audience: 'sozialraum-api', timeoutMs: KEYCLOAK_TIMEOUT_MS });
    const other = await listen(outageApp(fresh, []));
    try {
      proxy.stall();
      const answer = await timed(`${other.url}/v1/me`, { token });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(answer.body).toMatchObject({ status: 503, dependency: 'keycloak' });
      expect(answer.ms).toBeGreaterThanOrEqual(KEYCLOAK_TIMEOUT_MS - 50);
      expect(answer.ms).toBeLessThan(KEYCLOAK_TIMEOUT_MS + 2_000);
      proxy.resume();
      expect((await call(`${other.url}/v1/me`, { token })).status).toBe(200);
    } finally {
      proxy.resume();
      await other.close();
    }
  });
});

describe('calls to another service', () => {
  let server: RunningServer;
  let token: string;
  let upstream: Server;
  let upstreamUrl: string;

  beforeAll(async () => {
    const verifier = createTokenVerifier({ issuer: keycloakIssuer(keycloak.origin, realm), audience: 'sozialraum-api' });
    server = await listen(outageApp(verifier, [], 2));
    token = await userTokenAt(keycloak.origin, 'planer');
    // The other service: its answer depends on the path the test asks it to call.
    upstream = createServer((req, res) => {
      const [, status, retryAfter] = (req.url ?? '').split('/'); // /<status>/<retry-after or ->/thing
      if (status === 'silent') return; // never answers
      if (retryAfter !== '-') res.setHeader('retry-after', String(retryAfter));
      res.writeHead(Number(status), { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'upstream', detail: `answered ${status}` }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    upstream.close();
    await server.close();
  });

  const viaUs = (path: string, timeoutMs = 2_000) =>
    timed(`${server.url}/v1/upstream`, { token, method: 'POST', body: { url: `${upstreamUrl}${path}`, timeoutMs } });

  test('when the other service does not answer, then 503 with Retry-After at the deadline', async () => {
    const answer = await viaUs('/silent/-/', 600);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body.detail).toMatch(/did not answer within 600 ms/);
    expect(answer.ms).toBeGreaterThanOrEqual(550);
    expect(answer.ms).toBeLessThan(2_600);
  });

  test('when the other service refuses our credentials (401 or 403), then our caller gets 502', async () => {
    expect((await viaUs('/401/-/')).status).toBe(502);
    expect((await viaUs('/403/-/')).status).toBe(502);
  });

  test('when the other service is unavailable, then 503 with its Retry-After; other answers keep their status', async () => {
    const unavailable = await viaUs('/503/7/');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('7');
    expect((await viaUs('/500/-/')).status).toBe(502);
    expect((await viaUs('/404/-/')).status).toBe(404);
  });

  test('when the other service is not running, then 503 at once', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await timed(`${server.url}/v1/upstream`, { token, method: 'POST', body: { url: `http://127.0.0.1:${port}`, timeoutMs: 5_000 } });
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(2_000);
  });

  test('when a user asks for more expensive answers than the budget, then 429 with Retry-After', async () => {
    const planner = await userTokenAt(keycloak.origin, 'soziales');
    expect((await call(`${server.url}/v1/report`, { token: planner })).status).toBe(200);
    expect((await call(`${server.url}/v1/report`, { token: planner })).status).toBe(200);
    const third = await call(`${server.url}/v1/report`, { token: planner });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(29); // 2 per minute: one more in 30 s
    // Another user has a budget of their own.
    expect((await call(`${server.url}/v1/report`, { token })).status).toBe(200);
  });

  test('when the published document is read, then every operation names 503 and the expensive one 429', async () => {
    const document = (await call(`${server.url}/openapi.json`)).body;
    expect(document.paths['/v1/upstream'].post.responses['503']).toEqual({ $ref: '#/components/responses/Unavailable' });
    expect(document.paths['/v1/report'].get.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(document.paths['/v1/upstream'].post.responses['429']).toBeUndefined();
    expect(document.components.responses.Unavailable.headers['Retry-After']).toBeDefined();
  });
});
