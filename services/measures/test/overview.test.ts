import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

let service: MeasuresService;
const run = runId();
const cycle = `cycle-OV${run}-1`;
const [s1, s2] = [`OV${run}-1`, `OV${run}-2`];
const m: Record<string, string> = {};

/** The work started 200 days ago (the test cannot wait that long). */
const startedLongAgo = (id: string) =>
  service.deps.pool.query(`UPDATE measure SET status_changed_at = now() - interval '200 days' WHERE id = $1`, [id]);

beforeAll(async () => {
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
  const planer = as(service, 'planer');
  m.red = (await propose(service, { title: '=Rot "mit" Komma, und Formel', department: 'soziales', cycleId: cycle, spaces: [s1, s2], budget: { planned: 1000, approved: 800, spent: 100, fundingSource: 'Bund' } })).id;
  await moveTo(service, m.red, ['approved', 'in-progress']);
  await planer.post(`/v1/measures/${m.red}/reports`, { date: '2025-01-01', text: 'Verzug', progress: 30, trafficLight: 'red' });
  await startedLongAgo(m.red);

  m.overdue = (await propose(service, { title: 'Überfällig', department: 'jugend', cycleId: cycle, spaces: [s1], budget: { planned: 500 }, milestones: [{ title: 'alt', dueOn: '2000-01-01' }, { title: 'neu', dueOn: '2099-01-01' }] })).id;
  await moveTo(service, m.overdue, ['approved', 'in-progress']);
  await startedLongAgo(m.overdue);

  m.proposed = (await propose(service, { title: 'Vorschlag', department: 'jugend', cycleId: cycle })).id;

  m.done = (await propose(service, { title: 'Fertig', department: 'gesundheit', cycleId: cycle, spaces: [s2], budget: { planned: 200, approved: 200, spent: 180 } })).id;
  await moveTo(service, m.done, ['approved', 'in-progress']);
  await planer.post(`/v1/measures/${m.done}/reports`, { text: 'Abgeschlossen', progress: 100, trafficLight: 'green' });
  await moveTo(service, m.done, ['completed']);
});
afterAll(() => service.close());

const overview = async (query = '') => {
  const response = await as(service, 'koordination').get(`/v1/overview?cycle=${cycle}${query}`);
  expect(response.status).toBe(200);
  return response.body;
};
const byKey = (groups: Array<{ key: string | null }>) => Object.fromEntries(groups.map(({ key, ...figures }) => [String(key), figures]));

describe('the coordinators’ overview', () => {
  test('when a coordinator opens the overview, then totals and groups count measures, budgets, overdue milestones and missing reports', async () => {
    const body = await overview();
    expect(body.reportIntervalDays).toBe(90);
    expect(body.totals).toEqual({
      key: null, count: 4, budgetPlanned: 1700, budgetApproved: 1000, budgetSpent: 280,
      overdueMilestones: 1, measuresWithOverdueMilestones: 1, reportsMissing: 2,
    });
    const departments = byKey(body.groups.department);
    expect(Object.keys(departments)).toEqual(['gesundheit', 'jugend', 'soziales']);
    expect(departments.jugend).toMatchObject({ count: 2, budgetPlanned: 500, overdueMilestones: 1, reportsMissing: 1 });
    expect(departments.soziales).toMatchObject({ count: 1, budgetPlanned: 1000, budgetApproved: 800, reportsMissing: 1 });
    expect(byKey(body.groups.status)).toEqual({
      completed: expect.objectContaining({ count: 1 }),
      'in-progress': expect.objectContaining({ count: 2, reportsMissing: 2 }),
      proposed: expect.objectContaining({ count: 1 }),
    });
    expect(Object.fromEntries(body.groups.trafficLight.map((g: { key: string; count: number }) => [String(g.key), g.count]))).toEqual({ green: 1, red: 1, null: 2 });
    // A measure in two spaces counts in both; one without a space under null.
    const spaces = byKey(body.groups.space);
    expect(spaces[s1]).toMatchObject({ count: 2, budgetPlanned: 1500 });
    expect(spaces[s2]).toMatchObject({ count: 2, budgetPlanned: 1200, budgetSpent: 280 });
    expect(spaces.null).toMatchObject({ count: 1, budgetPlanned: 0 });
  });

  test('when the list is read, then the most urgent come first (red, then overdue), page by page', async () => {
    const body = await overview();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([m.red, m.done, m.overdue, m.proposed]);
    expect(body.items[0]).toMatchObject({ trafficLight: 'red', reportMissing: true, progress: 30, progressSource: 'report', lastReportOn: '2025-01-01' });
    expect(body.items[2]).toMatchObject({ overdueMilestones: 1, reportMissing: true, progress: 0, progressSource: 'milestones' });
    const second = await overview('&limit=2&offset=2');
    expect(second).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([m.overdue, m.proposed]);
  });

  test('when filtered by department, space, status or traffic light, then figures and list follow the filter', async () => {
    expect((await overview('&department=jugend')).totals.count).toBe(2);
    expect((await overview(`&space=${s2}`)).items.map((i: { id: string }) => i.id)).toEqual([m.red, m.done]);
    expect((await overview('&status=in-progress')).totals).toMatchObject({ count: 2, reportsMissing: 2 });
    expect((await overview('&trafficLight=red')).total).toBe(1);
    const empty = await overview('&department=wohnen');
    expect(empty).toMatchObject({ total: 0, items: [], groups: { space: [], department: [], status: [], trafficLight: [] } });
    expect(empty.totals.count).toBe(0);
  });

  test('when the report interval is longer, then fewer reports are missing', async () => {
    expect((await overview('&reportIntervalDays=3650')).totals.reportsMissing).toBe(0);
    const bad = await as(service, 'koordination').get('/v1/overview?reportIntervalDays=0');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/reportIntervalDays/);
    expect((await as(service, 'koordination').get('/v1/overview?status=unknown')).status).toBe(400);
  });

  test('when nothing changed, then the overview is answered from the cache; any change through the API renews it', async () => {
    const before = await overview();
    // Behind the service's back (no audit, no data version): the cached answer still shows the old budget.
    await service.deps.pool.query(`UPDATE measure SET budget_planned = 5000 WHERE id = $1`, [m.proposed]);
    expect((await overview()).totals.budgetPlanned).toBe(before.totals.budgetPlanned);
    // A question not asked before is computed afresh and sees it at once.
    expect((await overview('&limit=3')).totals.budgetPlanned).toBe(before.totals.budgetPlanned + 5000);
    // A change through the API raises the data version: every cached overview is renewed.
    const proposed = (await as(service, 'planer').get(`/v1/measures/${m.proposed}`)).body;
    expect((await as(service, 'planer').patch(`/v1/measures/${m.proposed}`, { version: proposed.version, title: 'Vorschlag (neu)' })).status).toBe(200);
    expect((await overview()).totals.budgetPlanned).toBe(before.totals.budgetPlanned + 5000);
    await service.deps.pool.query(`UPDATE measure SET budget_planned = NULL WHERE id = $1`, [m.proposed]);
    await as(service, 'planer').patch(`/v1/measures/${m.proposed}`, { version: proposed.version + 1, title: 'Vorschlag' });
    expect((await overview()).totals).toEqual(before.totals);
  });

  test('when the list is exported, then the CSV has every measure in the same order, quoted, with formulas defused', async () => {
    const response = await as(service, 'koordination').get(`/v1/overview/export?cycle=${cycle}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (response.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('id,title,department,status,spaces,cycle,trafficLight,progress,lastReportOn,reportMissing,overdueMilestones,budgetPlanned,budgetApproved,budgetSpent,fundingSource,startsOn,endsOn');
    expect(lines.slice(1).map((l) => l.slice(0, 36))).toEqual([m.red, m.done, m.overdue, m.proposed]);
    expect(lines[1]).toBe(`${m.red},"'=Rot ""mit"" Komma, und Formel",soziales,in-progress,${s1} ${s2},${cycle},red,30,2025-01-01,true,0,1000,800,100,Bund,,`);
  });
});
