import { AppError } from '@sozialraum/kit';
import { call, type FaultProxy, stackEnv, startFaultProxy, userTokenAt, waitFor } from '@sozialraum/kit/testing';
import type { OutboxEvent, OutboxPublisher } from '../src/outbox/publisher';
import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

/**
 * The measures service when its dependencies fail, through fault proxies in front of the real PostgreSQL and
 * Keycloak: requests end quickly with 503 + Retry-After instead of hanging, nothing is lost or doubled, and
 * the service recovers by itself. The outbox sets aside an event that keeps failing without holding up the rest.
 */
jest.setTimeout(90_000);

const run = runId();
const cycle = (n: number) => `cycle-OUT${run}-${n}`;
const services: MeasuresService[] = [];
const proxies: FaultProxy[] = [];

const proxyFor = async (url: string) => {
  const target = new URL(url);
  const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
  proxies.push(proxy);
  return proxy;
};
const measures = async (env: Record<string, string>, publisher?: OutboxPublisher) => {
  const service = await startMeasures({ OUTBOX_SWEEP_MS: '600000', ...env }, publisher ? { publisher } : {});
  services.push(service);
  return service;
};
// One relay publishes at a time (an advisory lock): each test closes what it started, so the next test's relay leads.
afterEach(async () => {
  for (const service of services.splice(0)) await service.close().catch(() => undefined);
});
const events = (service: MeasuresService, cycleId: string) =>
  service.deps.pool.query<{ id: number; aggregate_id: string; published: boolean; dead: boolean; attempts: number }>(
    `SELECT id, aggregate_id, published_at IS NOT NULL AS published, dead_at IS NOT NULL AS dead, attempts FROM outbox WHERE payload->>'cycleId' = $1 ORDER BY id`,
    [cycleId],
  );

afterAll(async () => {
  for (const proxy of proxies) await proxy.up();
  for (const service of services) await service.close().catch(() => undefined);
  for (const proxy of proxies) await proxy.close();
});

test('when Keycloak goes down during requests, then signed-in users keep working (cached keys) and nothing waits for it', async () => {
  const keycloak = await proxyFor(stackEnv('KEYCLOAK_URL'));
  const service = await measures({ KEYCLOAK_URL: keycloak.via(stackEnv('KEYCLOAK_URL')), KEYCLOAK_TIMEOUT_MS: '3000', RUN_OUTBOX_RELAY: 'false' });
  // Tokens name the address they were asked at as issuer: here the proxy, as for a service behind it.
  const token = await userTokenAt(keycloak.via(stackEnv('KEYCLOAK_URL')), 'planer');
  expect((await call(`${service.url}/v1/measures`, { token })).status).toBe(200);
  const load = async () => {
    const started = Date.now();
    const created = await call(`${service.url}/v1/measures`, { token, method: 'POST', body: { title: `Während der Störung ${run}`, department: 'soziales', cycleId: cycle(1) } });
    return { status: created.status, ms: Date.now() - started };
  };
  const before = load();
  await keycloak.down();
  try {
    const during = await Promise.all([before, load(), load(), load()]);
    expect(during.map((d) => d.status)).toEqual([201, 201, 201, 201]);
    expect(Math.max(...during.map((d) => d.ms))).toBeLessThan(3_000); // none waited for Keycloak's deadline
    expect((await call(`${service.url}/health/ready`)).status).toBe(200);
  } finally {
    await keycloak.up();
  }
});

test('when PostgreSQL restarts under load, then cut requests answer 503 with Retry-After at once, retries change nothing twice, and the service recovers', async () => {
  const database = await proxyFor(stackEnv('DATABASE_URL'));
  const direct = await measures({ RUN_OUTBOX_RELAY: 'false' });
  const service = await measures({ DATABASE_URL: database.via(stackEnv('DATABASE_URL')), RUN_OUTBOX_RELAY: 'false', DATABASE_STATEMENT_TIMEOUT_MS: '2000' });
  const planer = as(service, 'planer');
  const ids = (await Promise.all(Array.from({ length: 8 }, () => propose(direct, { cycleId: cycle(2) })))).map((m) => m.id);

  // Each measure is approved once and a new one is created per key, while the database goes away and comes back.
  const approve = (id: string) => planer.post(`/v1/measures/${id}/transitions`, { to: 'approved', version: 1, reason: 'Neustart' });
  const create = (i: number) => planer.post('/v1/measures', { title: `Neu ${run} ${i}`, department: 'soziales', cycleId: cycle(2) }, { 'Idempotency-Key': `outage-${run}-${i}` });
  const timed = async <T extends { status: number }>(work: () => Promise<T>) => {
    const started = Date.now();
    const answer = await work();
    return { answer, ms: Date.now() - started };
  };
  const first = Promise.all([...ids.map((id) => timed(() => approve(id))), ...ids.map((_, i) => timed(() => create(i)))]);
  await new Promise((resolve) => setTimeout(resolve, 30));
  await database.down();
  const duringOutage = await timed(() => planer.get(`/v1/measures/${ids[0]}`));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await database.up();
  const answers = await first;
  expect(duringOutage.answer.status).toBe(503);
  expect(duringOutage.answer.headers.get('retry-after')).toBeTruthy();
  expect(duringOutage.ms).toBeLessThan(2_000);
  for (const { answer } of answers) expect([200, 201, 503]).toContain(answer.status);
  expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(6_000); // at most the pool's connect deadline

  // The callers retry what got 503: an approval that did land is refused as stale (409), a creation returns the first one.
  const retried = await Promise.all(
    answers.map(async ({ answer }, i) => {
      if (answer.status !== 503) return answer.status;
      let again = { status: 503 };
      await waitFor(async () => (again = i < ids.length ? await approve(ids[i]!) : await create(i - ids.length)).status !== 503, 10_000, 'the service answering again');
      return again.status;
    }),
  );
  for (const status of retried.slice(0, ids.length)) expect([200, 409]).toContain(status);
  for (const status of retried.slice(ids.length)) expect([200, 201]).toContain(status);

  const { rows } = await direct.deps.pool.query<{ approved: number; created: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM measure WHERE id = ANY ($1::uuid[]) AND status = 'approved') AS approved,
            (SELECT count(*)::int FROM measure WHERE cycle_id = $2 AND title LIKE $3) AS created,
            (SELECT count(*)::int FROM outbox WHERE aggregate_id = ANY ($4::text[]) AND type = 'measure.status-changed') AS events`,
    [ids, cycle(2), `Neu ${run} %`, ids],
  );
  expect(rows[0]).toEqual({ approved: ids.length, created: ids.length, events: ids.length });
});

test('when one event keeps failing, then it becomes a dead letter after its attempts while the events behind it are published', async () => {
  const delivered: OutboxEvent[] = [];
  let poisoned = '';
  const publisher: OutboxPublisher = {
    publish: async (event) => {
      if (event.aggregateId === poisoned) throw new Error('the cycle cannot take this event');
      delivered.push(event);
    },
  };
  const service = await measures({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_RETRY_MS: '100' }, publisher);
  const [bad, good] = [await propose(service, { cycleId: cycle(3) }), await propose(service, { cycleId: cycle(3) })];
  poisoned = bad!.id;
  await moveTo(service, bad!.id, ['approved']);
  await moveTo(service, good!.id, ['approved', 'in-progress']);
  await waitFor(() => delivered.filter((e) => e.aggregateId === good!.id).length === 2, 5_000, 'the later events published');
  await waitFor(async () => (await events(service, cycle(3))).rows.some((e) => e.dead), 10_000, 'the dead letter');
  const rows = (await events(service, cycle(3))).rows;
  expect(rows.filter((e) => e.aggregate_id === poisoned)).toEqual([expect.objectContaining({ published: false, dead: true, attempts: 3 })]);
  expect(rows.filter((e) => e.aggregate_id === good!.id).every((e) => e.published && !e.dead && e.attempts === 0)).toBe(true);
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  expect(metrics).toMatch(/outbox_dead_events\{service="measures"\} [1-9]/);
  await service.deps.pool.query('DELETE FROM outbox WHERE aggregate_id = $1', [poisoned]); // other files' outbox checks see none
});

test('when Temporal is away, then no event is counted as failed or set aside, and all are published once it is back', async () => {
  let away = true;
  const delivered: number[] = [];
  const publisher: OutboxPublisher = {
    publish: async (event) => {
      if (away) throw new AppError({ status: 503, title: 'Service Unavailable', detail: 'Temporal did not answer' });
      delivered.push(Number(event.id));
    },
  };
  const service = await measures({ OUTBOX_MAX_ATTEMPTS: '2', OUTBOX_RETRY_MS: '100' }, publisher);
  const measure = await propose(service, { cycleId: cycle(4) });
  await moveTo(service, measure.id, ['approved', 'in-progress', 'paused']);
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // many more retries than OUTBOX_MAX_ATTEMPTS
  expect((await events(service, cycle(4))).rows.map((e) => ({ published: e.published, dead: e.dead, attempts: e.attempts }))).toEqual(
    Array(3).fill({ published: false, dead: false, attempts: 0 }),
  );
  away = false;
  await waitFor(async () => (await events(service, cycle(4))).rows.every((e) => e.published), 10_000, 'every event published');
  const ids = (await events(service, cycle(4))).rows.map((e) => Number(e.id));
  expect(delivered.filter((id) => ids.includes(id))).toEqual(ids); // each once, in order
});
