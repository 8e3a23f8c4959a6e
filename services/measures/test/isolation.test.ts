import { call } from '@sozialraum/kit/testing';
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

  test('when department staff read another department’s measure, its reports or its audit, then it does not exist for them (404)', async () => {
    for (const path of [`/v1/measures/${ids.jugend}`, `/v1/measures/${ids.jugend}/reports`, `/v1/measures/${ids.jugend}/audit`]) {
      const response = await as(service, 'soziales').get(path);
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe(`There is no measure ${ids.jugend}.`);
    }
    expect((await as(service, 'gesundheit').get(`/v1/measures/${ids.soziales}`)).status).toBe(404);
    expect((await as(service, 'gast').get(`/v1/measures/${ids.soziales}`)).status).toBe(404);
    expect((await as(service, 'jugend').get(`/v1/measures/${ids.jugend}`)).status).toBe(200);
    expect((await as(service, 'jugend').get(`/v1/measures/${ids.jugend}/audit`)).status).toBe(200);
  });

  test('when department staff write to another department’s measure, then 403 and nothing changes', async () => {
    const target = ids.jugend as string;
    const before = (await as(service, 'planer').get(`/v1/measures/${target}`)).body;
    const soziales = as(service, 'soziales');
    const attempts = [
      await soziales.patch(`/v1/measures/${target}`, { version: before.version, title: 'übernommen' }),
      await soziales.post(`/v1/measures/${target}/transitions`, { to: 'paused', version: before.version, reason: 'x' }),
      await soziales.post(`/v1/measures/${target}/reports`, { text: 'fremd', progress: 99, trafficLight: 'red' }),
      await soziales.post(`/v1/measures/${target}/milestones`, { title: 'fremd', dueOn: '2099-01-01' }),
      await soziales.post(`/v1/measures/${target}/evaluation`, { outcome: 'x', recommendation: 'stop', from: '2020', to: '2022' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(attempt.body.detail).toMatch(/jugend/);
    }
    const after = (await as(service, 'planer').get(`/v1/measures/${target}`)).body;
    expect(after).toEqual(before);
    expect((await as(service, 'planer').get(`/v1/measures/${target}/reports`)).body.items).toHaveLength(1);
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

  test('when coordinators, the committee or viewers try to change measures, then 403; coordinators and viewers cannot create them', async () => {
    const current = (await as(service, 'planer').get(`/v1/measures/${ids.soziales}`)).body;
    for (const user of ['koordination', 'gast']) {
      expect((await as(service, user).patch(`/v1/measures/${ids.soziales}`, { version: current.version, title: 'x' })).status).toBe(403);
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
