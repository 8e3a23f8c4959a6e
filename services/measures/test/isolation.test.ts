import { createServiceTokenProvider } from '@sozialraum/kit';
import { call, stackEnv } from '@sozialraum/kit/testing';
import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

/**
 * Department staff see and change only their own department's measures, reports and evaluations, with real
 * Keycloak tokens of three departments; planners, coordinators and the steering committee read across.
 */
let service: MeasuresService;
const run = runId();
const cycle = `cycle-ISO${run}-1`;
const ids: Record<string, string> = {};

beforeAll(async () => {
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
  for (const department of ['soziales', 'jugend', 'gesundheit']) {
    const measure = await propose(service, { title: `Maßnahme ${department}`, department, cycleId: cycle, spaces: ['STGT01'] }, department);
    ids[department] = measure.id;
    await moveTo(service, measure.id, ['approved'], 'lenkung');
    await moveTo(service, measure.id, ['in-progress'], department);
    const report = await as(service, department).post(`/v1/measures/${measure.id}/reports`, { text: `Bericht ${department}`, progress: 10, trafficLight: 'green' });
    expect(report.status).toBe(201);
    expect((await as(service, department).post(`/v1/measures/${measure.id}/milestones`, { title: 'Start', dueOn: '2099-01-01' })).status).toBe(201);
  }
});
afterAll(() => service.close());

const listed = async (user: string) => (await as(service, user).get(`/v1/measures?cycle=${cycle}`)).body.items.map((m: { department: string }) => m.department).sort();

describe('isolation between departments', () => {
  test('when department staff list measures, then they see their own department’s only; planners, coordinators and the committee see all', async () => {
    expect(await listed('soziales')).toEqual(['soziales']);
    expect(await listed('jugend')).toEqual(['jugend']);
    expect(await listed('gesundheit')).toEqual(['gesundheit']);
    for (const user of ['planer', 'koordination', 'lenkung']) expect(await listed(user)).toEqual(['gesundheit', 'jugend', 'soziales']);
    expect(await listed('gast')).toEqual([]);
    const asked = await as(service, 'soziales').get(`/v1/measures?cycle=${cycle}&department=jugend`);
    expect(asked.body).toMatchObject({ items: [], total: 0 });
  });

  test('when department staff call any method on another department’s measure, then it does not exist for them (404, as for an unknown id) and nothing changes', async () => {
    const target = ids.jugend as string;
    const before = (await as(service, 'planer').get(`/v1/measures/${target}`)).body;
    const milestone = before.milestones[0].id as string;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const calls = (id: string, user: string) => {
      const caller = as(service, user);
      return [
        () => caller.get(`/v1/measures/${id}`),
        () => caller.patch(`/v1/measures/${id}`, { version: before.version, title: 'übernommen' }),
        () => caller.post(`/v1/measures/${id}/transitions`, { to: 'paused', version: before.version, reason: 'x' }),
        () => caller.post(`/v1/measures/${id}/milestones`, { title: 'fremd', dueOn: '2099-01-01' }),
        () => caller.patch(`/v1/measures/${id}/milestones/${milestone}`, { doneOn: '2025-01-01' }),
        () => caller.delete(`/v1/measures/${id}/milestones/${milestone}`),
        () => caller.get(`/v1/measures/${id}/reports`),
        () => caller.post(`/v1/measures/${id}/reports`, { text: 'fremd', progress: 99, trafficLight: 'red' }),
        () => caller.post(`/v1/measures/${id}/evaluation`, { outcome: 'x', recommendation: 'stop', from: '2020', to: '2022' }),
        () => caller.get(`/v1/measures/${id}/audit`),
      ];
    };
    // A viewer reads no measures at all, so for them too every measure is unknown.
    for (const user of ['soziales', 'gesundheit', 'gast']) {
      const foreign = calls(target, user);
      const missing = calls(unknown, user);
      for (const [i, call] of foreign.entries()) {
        const [answer, unknownAnswer] = [await call(), await (missing[i] as typeof call)()];
        expect([user, i, answer.status]).toEqual([user, i, 404]);
        expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(answer.body.detail).toBe(`There is no measure ${target}.`);
        expect(answer.body.detail.replace(target, unknown)).toBe(unknownAnswer.body.detail);
      }
    }
    const after = (await as(service, 'planer').get(`/v1/measures/${target}`)).body;
    expect(after).toEqual(before);
    expect((await as(service, 'planer').get(`/v1/measures/${target}/reports`)).body.items).toHaveLength(1);
    // The department itself reads and changes it.
    expect((await as(service, 'jugend').get(`/v1/measures/${target}/audit`)).status).toBe(200);
    expect((await as(service, 'jugend').patch(`/v1/measures/${target}/milestones/${milestone}`, { doneOn: '2025-01-01' })).status).toBe(200);
  });

  test('when another service calls with its own token, then it reads and changes no measure (the cycle’s activities run inside the service)', async () => {
    const tokenOf = (clientId: string, secret: string) =>
      createServiceTokenProvider({ keycloakUrl: stackEnv('KEYCLOAK_URL'), realm: 'sozialraum', clientId, clientSecret: stackEnv(secret) })();
    const target = ids.jugend as string;
    for (const [clientId, secret] of [['svc-strategy', 'KEYCLOAK_SECRET_STRATEGY'], ['svc-measures', 'KEYCLOAK_SECRET_MEASURES']] as const) {
      const token = await tokenOf(clientId, secret);
      expect([clientId, (await call(`${service.url}/v1/measures/${target}`, { token })).status]).toEqual([clientId, 404]);
      const created = await call(`${service.url}/v1/measures`, { token, method: 'POST', body: { title: 'Fremd', department: 'jugend' } });
      expect([clientId, created.status]).toEqual([clientId, 403]);
    }
    // svc-strategy's token (it checks spaces and alerts in monitoring) gives no power over measures.
    expect((await tokenOf('svc-strategy', 'KEYCLOAK_SECRET_STRATEGY').then((token) => call(`${service.url}/v1/measures/${target}`, { token }))).status).toBe(404);
  });

  test('when department staff propose for another department or hand their measure over, then 403; a department may not approve its own budget', async () => {
    const foreign = await as(service, 'soziales').post('/v1/measures', { title: 'fremd', department: 'jugend' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toMatch(/yours: soziales/);
    const own = await as(service, 'soziales').get(`/v1/measures/${ids.soziales}`);
    const handOver = await as(service, 'soziales').patch(`/v1/measures/${ids.soziales}`, { version: own.body.version, department: 'jugend' });
    expect(handOver.status).toBe(403);
    const budget = await as(service, 'soziales').patch(`/v1/measures/${ids.soziales}`, { version: own.body.version, budget: { approved: 1e6 } });
    expect(budget.status).toBe(403);
    const spent = await as(service, 'soziales').patch(`/v1/measures/${ids.soziales}`, { version: own.body.version, budget: { spent: 1500 } });
    expect(spent.status).toBe(200);
  });

  test('when coordinators or the committee try to change measures they read, then 403; coordinators and viewers cannot create them', async () => {
    const current = (await as(service, 'planer').get(`/v1/measures/${ids.soziales}`)).body;
    for (const user of ['koordination', 'lenkung']) {
      expect((await as(service, user).patch(`/v1/measures/${ids.soziales}`, { version: current.version, title: 'x' })).status).toBe(403);
    }
    for (const user of ['koordination', 'gast']) {
      expect((await as(service, user).post('/v1/measures', { title: 'x', department: 'soziales' })).status).toBe(403);
    }
    expect((await as(service, 'lenkung').post(`/v1/measures/${ids.soziales}/reports`, { text: 'x', progress: 1, trafficLight: 'green' })).status).toBe(403);
  });

  test('when department staff read the overview, then its figures and export cover their own department only', async () => {
    const overview = await as(service, 'gesundheit').get(`/v1/overview?cycle=${cycle}`);
    expect(overview.body.totals.count).toBe(1);
    expect(overview.body.groups.department.map((g: { key: string }) => g.key)).toEqual(['gesundheit']);
    const csv = await as(service, 'gesundheit').get(`/v1/overview/export?cycle=${cycle}`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(2);
    expect(csv.body).toContain('Maßnahme gesundheit');
    expect(csv.body).not.toContain('Maßnahme jugend');
  });

  test('when a request has no token or a broken one, then 401', async () => {
    expect((await call(`${service.url}/v1/measures`)).status).toBe(401);
    expect((await call(`${service.url}/v1/overview`, { token: 'not.a.token' })).status).toBe(401);
  });
});
