import { call, userToken } from '@sozialraum/kit/testing';
import { DEFAULT_RULES, freshVersion, recompute, seed, type SeedValue } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

let service: MonitoringService;
const version = freshVersion();
const codes = ['T3P-A', 'T3P-B', 'T3P-C', 'T3P-D', 'T3P-E'];

/** One value per space in code order. */
const row = (key: string, period: string, values: number[], parts?: Array<[number, number]>): SeedValue[] =>
  codes.map((code, i) => [code, key, period, values[i] as number, parts?.[i]?.[0] ?? null, parts?.[i]?.[1] ?? null]);

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  await seed(service, {
    spaces: [...codes.map((code) => ({ code, type: 'district', population: 1000 })), { code: 'T3P-F', type: 'district', population: 100 }],
    indicators: [
      { key: 'T3P_S', name: 'Arbeitslosigkeit T3P', polarity: 'higher-is-worse', kind: 'rate' },
      { key: 'T3P_D', polarity: 'higher-is-worse', kind: 'rate' },
      { key: 'T3P_R', polarity: 'higher-is-worse', kind: 'rate' },
      { key: 'T3P_G', polarity: 'higher-is-better', kind: 'share' },
      { key: 'T3P_N', polarity: 'neutral', kind: 'mean' },
    ],
    release: 't3-profile',
    values: [
      ...row('T3P_S', '2022', [1, 2, 3, 4, 5]),
      ...row('T3P_S', '2023', [0, 0, 0, 0, 1]),
      ...row('T3P_D', '2022', [1, 2, 3, 4, 5]),
      ...row('T3P_D', '2023', [5, 4, 3, 2, 1]),
      ...row('T3P_R', '2022', [10, 20, 30, 40, 50], [[5, 50], [10, 50], [15, 50], [20, 50], [25, 50]]),
      // T3P-C: 1 case out of 5 — suppressed for everyone without raw-data; T3P-F: 100 residents.
      ...row('T3P_R', '2023', [10, 30, 20, 40, 5], [[5, 50], [15, 50], [1, 5], [20, 50], [5, 100]]),
      ['T3P-F', 'T3P_R', '2023', 90, 45, 50],
      ...row('T3P_G', '2023', [1, 2, 3, 4, 5]),
      ...row('T3P_N', '2023', [3, 1, 2, 5, 4]),
    ],
  });
  const planer = await userToken('planer');
  expect((await call(`${service.url}/v1/alert-rules`, { token: planer, method: 'PUT', body: { items: DEFAULT_RULES } })).status).toBe(200);
  const method = {
    key: 't3-profile',
    version,
    spaceType: 'district',
    statusIndicators: [{ indicatorKey: 'T3P_S' }],
    dynamicsIndicators: [{ indicatorKey: 'T3P_D' }],
    dynamicsSource: 'indicator',
  };
  expect((await call(`${service.url}/v1/methods`, { token: planer, method: 'POST', body: method })).status).toBe(201);
  await recompute(service, 't3-profile', version);
});
afterAll(() => service.close());

type Item = { spaceCode: string; rank: number | null; z: number | null; value: { value: number | null; suppressed: boolean; reason?: string } };
const ranking = async (user: string, key: string, query = 'period=2023&type=district') =>
  (await call(`${service.url}/v1/indicators/${key}/values?${query}`, { token: await userToken(user) })).body;
const mine = (items: Item[]) => items.filter((i) => i.spaceCode.startsWith('T3P-'));

describe('space profile', () => {
  test('when the profile of a space is read, then it has every indicator over time, the class history and the alerts', async () => {
    const response = await call(`${service.url}/v1/spaces/T3P-E/profile`, { token: await userToken('gast') });
    expect(response.status).toBe(200);
    const profile = response.body;
    expect(profile.space).toMatchObject({ code: 'T3P-E', name: 'Raum T3P-E', type: 'district', population: 1000, parentCode: null });
    expect(profile.space.id).toBeUndefined();
    expect(profile.method).toBe(`t3-profile@${version}`);
    expect(profile.indicators.map((i: { key: string }) => i.key)).toEqual(['T3P_D', 'T3P_G', 'T3P_N', 'T3P_R', 'T3P_S']);
    const status = profile.indicators.find((i: { key: string }) => i.key === 'T3P_S');
    expect(status).toMatchObject({ name: 'Arbeitslosigkeit T3P', polarity: 'higher-is-worse' });
    // 2022: 1..5, mean 3, sd √(10/4) = 1.5811, z(5) = 1.2649; 2023: 0,0,0,0,1, mean 0.2, sd √(0.8/4) = 0.4472, z(1) = 1.7889.
    expect(status.points).toEqual([
      // No denominators: the city value is weighted by residents (all 1000 here), so it equals the mean.
      { period: '2022', value: { value: 5, suppressed: false }, cityMean: 3, cityValue: 3, rank: 1, of: 5, z: expect.closeTo(1.2649, 4) },
      { period: '2023', value: { value: 1, suppressed: false }, cityMean: expect.closeTo(0.2, 10), cityValue: expect.closeTo(0.2, 10), rank: 1, of: 5, z: expect.closeTo(1.7889, 4) },
    ]);
    // One index result per period: status 3 then 4 (single indicator: the index is its z); dynamics 5 then 1.
    expect(profile.classHistory.map((r: { period: string; statusClass: number; dynamicsClass: number }) => [r.period, r.statusClass, r.dynamicsClass]))
      .toEqual([['2022', 3, 5], ['2023', 4, 1]]);
    expect(profile.classHistory[1]).toMatchObject({ statusLabel: 'sehr niedrig', dynamicsLabel: 'positiv', combinedGroup: 10, combinedLabel: '4/1' });
    expect(profile.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleKey: 'status-class-4', spaceCode: 'T3P-E', period: '2023', status: 'open', indicatorKey: null }),
      ]),
    );
  });

  test('when a profile asks for a method that does not exist or a space that does not exist, then the answer is 404', async () => {
    const token = await userToken('gast');
    expect((await call(`${service.url}/v1/spaces/T3P-E/profile?method=${encodeURIComponent('t3-none@1')}`, { token })).status).toBe(404);
    expect((await call(`${service.url}/v1/spaces/T3P-NONE/profile`, { token })).status).toBe(404);
    const chosen = await call(`${service.url}/v1/spaces/T3P-A/profile?method=${encodeURIComponent(`t3-profile@${version}`)}`, { token });
    expect(chosen.body.classHistory.map((r: { statusClass: number }) => r.statusClass)).toEqual([1, 2]);
  });
});

describe('indicator views', () => {
  test('when a higher value is worse, then rank 1 is the highest value; when higher is better, the lowest; neutral: the highest', async () => {
    expect(mine((await ranking('planer', 'T3P_R')).items).map((i) => [i.spaceCode, i.rank])).toEqual([
      ['T3P-F', 1], ['T3P-D', 2], ['T3P-B', 3], ['T3P-C', 4], ['T3P-A', 5], ['T3P-E', 6],
    ]);
    // T3P-F has no value of T3P_G: listed, unranked, marked missing.
    const better = mine((await ranking('planer', 'T3P_G')).items);
    expect(better.map((i) => i.spaceCode)).toEqual(['T3P-A', 'T3P-B', 'T3P-C', 'T3P-D', 'T3P-E', 'T3P-F']);
    expect(better[5]).toMatchObject({ rank: null, value: { value: null, suppressed: false, reason: 'missing' } });
    expect(mine((await ranking('planer', 'T3P_N')).items).map((i) => i.spaceCode)).toEqual(['T3P-D', 'T3P-E', 'T3P-A', 'T3P-C', 'T3P-B', 'T3P-F']);
  });

  test('when a viewer reads a ranking, then suppressed values have no rank and no z and the rest is ranked among themselves', async () => {
    const raw = await ranking('planer', 'T3P_R');
    expect(raw.items.find((i: Item) => i.spaceCode === 'T3P-C')).toMatchObject({ value: { value: 20, suppressed: false, numerator: 1, denominator: 5 }, rank: 4 });
    expect(raw.mean).toBeCloseTo((10 + 30 + 20 + 40 + 5 + 90) / 6, 10);

    const viewer = await ranking('gast', 'T3P_R');
    expect(viewer.spaceType).toBe('district');
    expect(mine(viewer.items).map((i) => [i.spaceCode, i.rank])).toEqual([
      ['T3P-D', 1], ['T3P-B', 2], ['T3P-A', 3], ['T3P-E', 4], ['T3P-C', null], ['T3P-F', null],
    ]);
    const c = viewer.items.find((i: Item) => i.spaceCode === 'T3P-C');
    expect(c).toEqual({ spaceCode: 'T3P-C', spaceName: 'Raum T3P-C', value: { value: null, suppressed: true, reason: 'min-denominator', numerator: null, denominator: null }, rank: null, z: null });
    expect(viewer.items.find((i: Item) => i.spaceCode === 'T3P-F').value).toMatchObject({ value: null, suppressed: true, reason: 'population' });
    // Mean and sd only over what the viewer sees: 10, 30, 40, 5.
    expect(viewer.mean).toBeCloseTo(21.25, 10);
    expect(viewer.items.find((i: Item) => i.spaceCode === 'T3P-D').z).toBeCloseTo((40 - 21.25) / viewer.sd, 10);
  });

  test('when a viewer reads a change, then it is null where either side is suppressed', async () => {
    const token = await userToken('gast');
    const change = (await call(`${service.url}/v1/indicators/T3P_R/change?from=2022&to=2023&type=district`, { token })).body;
    const byCode = new Map(change.items.map((i: { spaceCode: string }) => [i.spaceCode, i]));
    expect(byCode.get('T3P-B')).toMatchObject({ change: 10 });
    expect(byCode.get('T3P-C')).toMatchObject({ change: null, from: { value: 30 }, to: { suppressed: true } });
    const raw = (await call(`${service.url}/v1/indicators/T3P_R/change?from=2022&to=2023&type=district`, { token: await userToken('planer') })).body;
    expect(raw.items.find((i: { spaceCode: string }) => i.spaceCode === 'T3P-C').change).toBe(-10);
  });

  test('when a series of some spaces is read, then each has its points and the city mean covers every space of the type', async () => {
    const token = await userToken('gast');
    const series = (await call(`${service.url}/v1/indicators/T3P_S/series?type=district&spaces=T3P-A,T3P-E`, { token })).body;
    expect(series.items.map((i: { spaceCode: string }) => i.spaceCode)).toEqual(['T3P-A', 'T3P-E']);
    expect(series.items[1].points).toEqual([
      { period: '2022', value: { value: 5, suppressed: false } },
      { period: '2023', value: { value: 1, suppressed: false } },
    ]);
    expect(series.cityMean).toEqual([{ period: '2022', value: 3 }, { period: '2023', value: expect.closeTo(0.2, 10) }]);
    const unknown = await call(`${service.url}/v1/indicators/T3P_S/series?type=district&spaces=T3P-NONE`, { token });
    expect(unknown.status).toBe(422);
    expect((await call(`${service.url}/v1/indicators/T3P_NONE/values?period=2023`, { token })).status).toBe(404);
  });
});

describe('profile statistics kept per data version', () => {
  const point = async (user: string, code: string, key: string) => {
    const profile = (await call(`${service.url}/v1/spaces/${code}/profile`, { token: await userToken(user) })).body;
    return profile.indicators.find((i: { key: string }) => i.key === key).points.find((p: { period: string }) => p.period === '2023');
  };
  const db = () => service.deps.pool;
  const setValue = (code: string, value: number) =>
    db().query(`UPDATE indicator_value SET value = $2 WHERE indicator_key = 'T3P_N' AND period = '2023' AND space_id = (SELECT id FROM space WHERE code = $1)`, [code, value]);
  const setPopulation = (code: string, population: number) => db().query('UPDATE space SET population = $2 WHERE code = $1', [code, population]);

  test('when values or residents change after profiles were read, then the next profiles are computed from the new data', async () => {
    // T3P_N 2023: 3, 1, 2, 5, 4 — mean 3; T3P-A (3) ranks 3rd (neutral: the highest first).
    expect(await point('planer', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 3, rank: 3, of: 5 });
    expect(await point('gast', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 3, rank: 3, of: 5 });
    try {
      await setValue('T3P-B', 8); // 3, 8, 2, 5, 4: mean 4.4, T3P-A now 4th
      expect(await point('planer', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 4.4, rank: 4, of: 5 });
      expect(await point('gast', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 4.4, rank: 4, of: 5 });
      // Below the residents' minimum T3P-B's value is withheld from viewers, and so left out of what they are shown.
      await setPopulation('T3P-B', 100);
      expect(await point('gast', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 3.5, rank: 3, of: 4 });
      expect(await point('gast', 'T3P-B', 'T3P_N')).toMatchObject({ value: expect.objectContaining({ value: null, suppressed: true }), rank: null, z: null });
      expect(await point('planer', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 4.4, rank: 4, of: 5 });
    } finally {
      await setValue('T3P-B', 1);
      await setPopulation('T3P-B', 1000);
    }
    expect(await point('gast', 'T3P-A', 'T3P_N')).toMatchObject({ cityMean: 3, rank: 3, of: 5 });
  });
});
