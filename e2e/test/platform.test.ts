import { join } from 'node:path';
import { call, closedParts, startProcess, type StartedProcess, userToken, waitFor, waitUntilOk } from '@sozialraum/kit/testing';

const root = join(__dirname, '..', '..');

const services = ['monitoring', 'strategy', 'measures'] as const;

describe('the platform as it runs', () => {
  const started: Partial<Record<(typeof services)[number], StartedProcess>> = {};

  beforeAll(async () => {
    // Each service has its own client secret (the local stack exports them by service name).
    const secrets = { monitoring: undefined, strategy: process.env.KEYCLOAK_SECRET_STRATEGY, measures: process.env.KEYCLOAK_SECRET_MEASURES };
    for (const name of services) {
      started[name] = await startProcess(join(root, `services/${name}/dist/index.js`), secrets[name] ? { KEYCLOAK_CLIENT_SECRET: secrets[name] } : {});
    }
    await Promise.all(services.map((name) => waitUntilOk(`${started[name]!.url}/health/live`)));
  });
  afterAll(async () => {
    for (const s of Object.values(started)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  });

  const servicesWithActivities = ['monitoring', 'strategy', 'measures'];
  test.each(services)('when %s runs, then it is ready (its database answers) and its status shows every dependency up', async (name) => {
    await waitUntilOk(`${started[name]!.url}/health/ready`, 30_000);
    const response = await call(`${started[name]!.url}/health/ready`);
    // Readiness is the service's own database, and its Temporal activity worker where it runs one.
    const worker = servicesWithActivities.includes(name) ? { 'temporal-worker': 'ok' } : {};
    expect(response.body).toEqual({ status: 'ok', checks: { postgres: 'ok', ...worker } });
    const status = await call(`${started[name]!.url}/v1/admin/status`, { token: await userToken('it-admin') });
    expect(status.body.ready).toBe(true);
    expect(Object.values(status.body.checks).every((state) => state === 'ok')).toBe(true);
    expect(Object.keys(status.body.checks)).toEqual(expect.arrayContaining(['postgres', 'keycloak']));
  });

  test.each(services)('when %s is asked for its OpenAPI document, then it serves OpenAPI 3.1', async (name) => {
    const response = await call(`${started[name]!.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.info.title).toMatch(new RegExp(name, 'i'));
  });

  const queuesOf = { monitoring: ['monitoring'], strategy: ['notifications'], measures: [] as string[] };
  test.each(services)('when an admin opens %s’s API reference and queue board, then they are served; anyone else gets 403, no token 401', async (name) => {
    const url = started[name]!.url;
    const [admin, planner] = await Promise.all([userToken('it-admin'), userToken('planer')]);
    const docs = await fetch(`${url}/admin/api-docs`, { headers: { authorization: `Bearer ${admin}` } });
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('<redoc spec-url="../openapi.json"');
    // The page runs under the service's strict CSP: no inline script, the bundle from the service itself.
    expect(docs.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect([...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1])).toEqual([' src="api-docs/redoc.standalone.js"']);
    const bundle = await fetch(`${url}/admin/api-docs/redoc.standalone.js`, { headers: { authorization: `Bearer ${admin}` } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    await bundle.arrayBuffer();

    const board = await call(`${url}/admin/queues/api/queues?activeQueue=&page=1&jobsPerPage=10`, { token: admin });
    if (queuesOf[name].length) {
      expect(board.status).toBe(200);
      expect(board.body.queues.map((q: { name: string }) => q.name)).toEqual(queuesOf[name]);
      const page = await fetch(`${url}/admin/queues`, { headers: { authorization: `Bearer ${admin}` } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } else {
      expect(board.status).toBe(404);
    }

    for (const path of ['/admin/api-docs', '/admin/queues']) {
      expect((await call(`${url}${path}`, { token: planner })).status).toBe(403);
      expect((await call(`${url}${path}`)).status).toBe(401);
    }
  });

  const ownMetrics = { monitoring: ['queue_jobs{queue="monitoring"'], strategy: ['queue_jobs{queue="notifications"', 'tasks_open{state="escalated",service="strategy"}'], measures: ['outbox_unpublished_events{'] };
  test.each(services)('when Prometheus scrapes %s, then it gets request, process and the service’s own metrics', async (name) => {
    await call(`${started[name]!.url}/v1/me`, { token: await userToken('planer') });
    const response = await fetch(`${started[name]!.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(new RegExp(`http_request_duration_seconds_count\\{service="${name}",method="GET",route="/v1/me",status="200"\\} [1-9]`));
    expect(text).toContain(`process_resident_memory_bytes{service="${name}"}`);
    for (const metric of ownMetrics[name]) expect(text).toContain(metric);
    expect(text).toMatch(new RegExp(`dependency_up\\{dependency="keycloak",essential="false",service="${name}"\\} 1`));
  });

  test('when a busy service gets SIGTERM, then requests in flight complete and it exits 0', async () => {
    const service = started.monitoring!;
    const token = await userToken('planer');
    const statuses: number[] = [];
    let stop = false;
    const load = Array.from({ length: 20 }, async () => {
      while (!stop) {
        try {
          statuses.push((await fetch(`${service.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status);
        } catch {
          stop = true; // the listener has closed: no new connections, as intended
        }
      }
    });
    // Busy first: a fixed pause may see only a handful of answers on a loaded machine.
    await waitFor(() => statuses.length > 20, 20_000, 'requests answered under load');
    service.child.kill('SIGTERM');
    const [code] = await service.exited;
    stop = true;
    await Promise.all(load);
    expect(code).toBe(0);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // background() first (its job worker lets the running job finish, then its Redis connection), then the queue
    // the API adds to, the producer's Redis, the map versions' listening connection and the pool.
    expect(closedParts(service)).toEqual(['http', 'temporal-worker', 'import-sweep', 'job-worker', 'redis-jobs', 'jobs', 'redis', 'postgres listen monitoring_map_version', 'postgres']);
  });
});
