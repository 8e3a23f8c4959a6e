import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

/**
 * The filters the web app's measure pages offer, on the list, the overview and the export alike: several
 * values in one parameter (comma-separated), target groups, and "my spaces" for coordinators.
 */
let service: MeasuresService;
const run = runId();
const cycle = `cycle-FI${run}-1`;
const m: Record<string, string> = {};

beforeAll(async () => {
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
  const planer = as(service, 'planer');
  const report = (id: string, trafficLight: string) => planer.post(`/v1/measures/${id}/reports`, { text: 'Stand', progress: 10, trafficLight });
  m.a = (await propose(service, { title: 'A', department: 'soziales', cycleId: cycle, spaces: ['STGT01'], targetGroups: ['old'] })).id;
  await moveTo(service, m.a, ['approved', 'in-progress']);
  await report(m.a, 'red');
  m.b = (await propose(service, { title: 'B', department: 'jugend', cycleId: cycle, spaces: ['STGT02'], targetGroups: ['youth', 'poor'] })).id;
  await moveTo(service, m.b, ['approved']);
  await report(m.b, 'yellow');
  m.c = (await propose(service, { title: 'C', department: 'gesundheit', cycleId: cycle, spaces: ['STGT03', 'STGT02'], targetGroups: ['sick'] })).id;
  m.d = (await propose(service, { title: 'D', department: 'jugend', cycleId: cycle, spaces: ['STGT05'], targetGroups: ['old', 'families'] })).id;
  await moveTo(service, m.d, ['approved', 'in-progress']);
  await report(m.d, 'green');
});
afterAll(() => service.close());

const titles = (items: Array<{ title: string }>) => items.map((i) => i.title).sort();

/** The same question to the list, the overview and the CSV export; each must give the same measures. */
async function ask(query: string, user = 'koordination'): Promise<string[]> {
  const caller = as(service, user);
  const [list, overview, csv] = await Promise.all([
    caller.get(`/v1/measures?cycle=${cycle}&${query}`),
    caller.get(`/v1/overview?cycle=${cycle}&${query}`),
    caller.get(`/v1/overview/export?cycle=${cycle}&${query}`),
  ]);
  expect([list.status, overview.status, csv.status]).toEqual([200, 200, 200]);
  const exported = (csv.body as string).trim().split('\r\n').slice(1).map((line) => line.split(',')[1] as string).sort();
  expect(titles(overview.body.items)).toEqual(titles(list.body.items));
  expect(exported).toEqual(titles(list.body.items));
  expect(overview.body.totals.count).toBe(list.body.total);
  return titles(list.body.items);
}

describe('filters of the measure list, the overview and the export', () => {
  test('when several values are given comma-separated, then a measure with any of them matches', async () => {
    expect(await ask('')).toEqual(['A', 'B', 'C', 'D']);
    expect(await ask('status=approved,in-progress')).toEqual(['A', 'B', 'D']);
    expect(await ask('status=approved&status=in-progress')).toEqual(['A', 'B', 'D']);
    expect(await ask('status=proposed')).toEqual(['C']);
    expect(await ask('department=jugend,gesundheit')).toEqual(['B', 'C', 'D']);
    expect(await ask('trafficLight=yellow,red')).toEqual(['A', 'B']);
    expect(await ask('space=STGT01,STGT03')).toEqual(['A', 'C']);
  });

  test('when filtered by target group, then measures for any of the groups are listed', async () => {
    expect(await ask('targetGroup=old')).toEqual(['A', 'D']);
    expect(await ask('targetGroup=old,poor')).toEqual(['A', 'B', 'D']);
    expect(await ask('targetGroup=refugees')).toEqual([]);
  });

  test('when several filters are given, then all of them apply', async () => {
    expect(await ask('status=in-progress&targetGroup=old&department=jugend')).toEqual(['D']);
    expect(await ask('status=approved,in-progress&space=STGT01,STGT02')).toEqual(['A', 'B']);
  });

  test('when a coordinator asks for their spaces, then only measures in the spaces they coordinate are listed, narrowed further by `space`', async () => {
    const me = await as(service, 'koordination').get('/v1/me');
    expect(me.body.spaces).toEqual(expect.arrayContaining(['STGT01', 'STGT03']));
    expect(me.body.spaces).not.toContain('STGT02');
    expect(await ask('mySpaces=true')).toEqual(['A', 'C']);
    expect(await ask('mySpaces=true&space=STGT02,STGT03')).toEqual(['C']);
    expect(await ask('mySpaces=true&space=STGT02')).toEqual([]);
    expect(await ask('mySpaces=false')).toEqual(['A', 'B', 'C', 'D']);
    const overview = await as(service, 'koordination').get(`/v1/overview?cycle=${cycle}&mySpaces=true`);
    expect(overview.body.totals).toMatchObject({ count: 2, reportsMissing: 0 });
  });

  test('when someone who coordinates no space asks for their spaces, then 422 says so on every endpoint', async () => {
    for (const user of ['planer', 'soziales']) {
      for (const path of ['/v1/measures', '/v1/overview', '/v1/overview/export']) {
        const response = await as(service, user).get(`${path}?mySpaces=true`);
        expect([user, path, response.status]).toEqual([user, path, 422]);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(response.body.detail).toMatch(/coordinate no social space/);
        expect(response.body.errors).toEqual([{ pointer: '/query/mySpaces', detail: 'you coordinate no space' }]);
      }
    }
  });

  test('when department staff filter, then the filters never reach beyond their own department', async () => {
    expect(await ask('department=jugend,gesundheit', 'jugend')).toEqual(['B', 'D']);
    expect(await ask('targetGroup=old', 'soziales')).toEqual(['A']);
  });

  test('when a value is not in the contract, then 400 names the parameter', async () => {
    for (const query of ['status=approved,unknown', 'status=approved,approved', 'targetGroup=aliens', 'trafficLight=blue', 'space=', 'space=STGT01,', 'mySpaces=maybe', 'department=Soziales']) {
      const response = await as(service, 'koordination').get(`/v1/overview?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.body.detail).toMatch(new RegExp(query.split('=')[0] as string));
    }
  });
});
