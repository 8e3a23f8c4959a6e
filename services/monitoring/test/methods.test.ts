import { call, userToken, waitFor } from '@sozialraum/kit/testing';
import { freshVersion, recompute, seed, type SeedValue } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

let service: MonitoringService;
const version = freshVersion();
const spaces = ['T3-A', 'T3-B', 'T3-C', 'T3-D', 'T3-E', 'T3-F'];

// Status 2023: S1 (higher is worse) and S2 (higher is better); dynamics: S1 2023 − S1 2022.
// T3-F has values like the others but only 50 residents by T3_POP in 2023 (space population 5000).
const s1: Record<string, number> = { 'T3-A': 10, 'T3-B': 10, 'T3-C': 10, 'T3-D': 10, 'T3-E': 20, 'T3-F': 99 };
const s2: Record<string, number> = { 'T3-A': 60, 'T3-B': 40, 'T3-C': 50, 'T3-D': 50, 'T3-E': 50, 'T3-F': 0 };
const s1In2022: Record<string, number> = { 'T3-A': 12, 'T3-B': 10, 'T3-C': 10, 'T3-D': 8, 'T3-E': 14, 'T3-F': 1 };

const definition = (v: string) => ({
  key: 't3-hand',
  version: v,
  spaceType: 'statistical-area',
  populationIndicatorKey: 'T3_POP',
  statusIndicators: [{ indicatorKey: 'T3_S1' }, { indicatorKey: 'T3_S2' }],
  dynamicsIndicators: [{ indicatorKey: 'T3_S1' }],
  dynamicsSource: 'difference',
  dynamicsPeriodYears: 1,
  minPopulation: 100,
});

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  await seed(service, {
    spaces: spaces.map((code) => ({ code, type: 'statistical-area', population: code === 'T3-F' ? 5000 : 1000 })),
    indicators: [
      { key: 'T3_S1', polarity: 'higher-is-worse', kind: 'rate' },
      { key: 'T3_S2', polarity: 'higher-is-better', kind: 'share' },
      { key: 'T3_POP', polarity: 'neutral', kind: 'count' },
    ],
    release: 't3-methods',
    values: [
      ...spaces.map((c): SeedValue => [c, 'T3_S1', '2023', s1[c] as number]),
      ...spaces.map((c): SeedValue => [c, 'T3_S2', '2023', s2[c] as number]),
      ...spaces.map((c): SeedValue => [c, 'T3_S1', '2022', s1In2022[c] as number]),
      ['T3-F', 'T3_POP', '2023', 50],
    ],
  });
});
afterAll(() => service.close());

describe('index methods', () => {
  test('when a planner creates a method version, then it is stored with every default written out', async () => {
    const created = await call(`${service.url}/v1/methods`, { token: await userToken('planer'), method: 'POST', body: definition(version) });
    expect(created.status).toBe(201);
    expect(created.body.definition).toMatchObject({
      spaceType: 'statistical-area',
      populationIndicatorKey: 'T3_POP',
      statusIndicators: [
        { indicatorKey: 'T3_S1', weight: 1, polarity: 'higher-is-worse' },
        { indicatorKey: 'T3_S2', weight: 1, polarity: 'higher-is-better' },
      ],
      statusCutoffs: { high: -1, mediumUpper: 1, lowUpper: 1.5 },
      dynamicsCutoffs: { positive: -1, negative: 1 },
      standardDeviation: 'sample',
    });
    const read = await call(`${service.url}/v1/methods/t3-hand/${version}`, { token: await userToken('gast') });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ key: 't3-hand', version, active: true, createdBy: 'planer', periods: [] });
    const list = await call(`${service.url}/v1/methods`, { token: await userToken('gast') });
    expect(list.body.items.map((m: { version: string }) => m.version)).toContain(version);
  });

  test('when the hand-computed example is recomputed, then the API gives the z-values and classes computed by hand', async () => {
    const { job } = await recompute(service, 't3-hand', version);
    // 2022 has no 2021 values to start the dynamics from, so it is skipped.
    expect(job.result.periods.map((p: { period: string }) => p.period)).toEqual(['2023']);
    expect(job.result.skipped).toEqual([{ period: '2022', reason: 'no space has dynamics values for 2021' }]);

    const results = await call(`${service.url}/v1/methods/t3-hand/${version}/results`, { token: await userToken('planer') });
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({ method: `t3-hand@${version}`, period: '2023', inputReleases: ['t3-methods'] });
    const bySpace = new Map<string, Record<string, unknown>>(results.body.items.map((i: { spaceCode: string }) => [i.spaceCode, i]));
    // By hand, over A–E (F left out): S1 = 10,10,10,10,20: mean 12, sample sd √(80/4) = 4.4721, z = −0.4472 (A–D), 1.7889 (E).
    // S2 = 60,40,50,50,50: mean 50, sd √(200/4) = 7.0711, z = 1.4142, −1.4142, 0, 0, 0; higher is better, so negated.
    // Sums: −1.8614, 0.9670, −0.4472, −0.4472, 1.7889: mean 0, sd √(8/4) = 1.4142, index = sum / 1.4142.
    // Dynamics S1 2023 − 2022 = −2, 0, 0, 2, 6: mean 1.2, sd √(36.8/4) = 3.0332, z = −1.0550, −0.3956, −0.3956, 0.2638, 1.5825.
    const expected: Array<[string, number, number, number, number, number, number, string, string]> = [
      // space, S1 z, S2 z, status index, status class, dynamics index, dynamics class, combined, status label
      ['T3-A', -0.4472, -1.4142, -1.3162, 1, -1.055, 1, '1/1', 'hoch'],
      ['T3-B', -0.4472, 1.4142, 0.6838, 2, -0.3956, 3, '2/3', 'mittel'],
      ['T3-C', -0.4472, 0, -0.3162, 2, -0.3956, 3, '2/3', 'mittel'],
      ['T3-D', -0.4472, 0, -0.3162, 2, 0.2638, 3, '2/3', 'mittel'],
      ['T3-E', 1.7889, 0, 1.2649, 3, 1.5825, 5, '3/5', 'niedrig'],
    ];
    for (const [code, z1, z2, status, statusClass, dynamics, dynamicsClass, combined, label] of expected) {
      const item = bySpace.get(code) as { zValues: Record<string, number>; statusIndex: number; dynamicsIndex: number };
      expect(item.zValues.T3_S1).toBeCloseTo(z1, 4);
      expect(item.zValues.T3_S2).toBeCloseTo(z2, 4);
      expect(item.statusIndex).toBeCloseTo(status, 4);
      expect(item.dynamicsIndex).toBeCloseTo(dynamics, 4);
      expect(item).toMatchObject({ statusClass, dynamicsClass, combinedLabel: combined, statusLabel: label, excluded: null });
    }
    expect(bySpace.get('T3-A')).toMatchObject({ combinedGroup: 1, dynamicsLabel: 'positiv' });
    expect(bySpace.get('T3-E')).toMatchObject({ combinedGroup: 9, dynamicsLabel: 'negativ' });
    expect(bySpace.get('T3-F')).toMatchObject({
      statusClass: null,
      statusIndex: null,
      excluded: 'Population 50 is below the minimum of 100.',
    });
  });

  test('when a method is recomputed twice, then the classes stay the same and a new run is stored', async () => {
    const classesOf = async () => {
      const results = await call(`${service.url}/v1/methods/t3-hand/${version}/results?period=2023`, { token: await userToken('gast') });
      return results.body.items.filter((i: { spaceCode: string }) => spaces.includes(i.spaceCode))
        .map((i: { spaceCode: string; statusClass: number; dynamicsClass: number }) => [i.spaceCode, i.statusClass, i.dynamicsClass]);
    };
    const runs = async () =>
      Number((await service.deps.pool.query(
        `SELECT count(*) AS n FROM index_run r JOIN method_version m ON m.id = r.method_version_id WHERE m.key = 't3-hand' AND m.version = $1`,
        [version],
      )).rows[0].n);
    const before = { classes: await classesOf(), runs: await runs() };
    await recompute(service, 't3-hand', version);
    expect(await classesOf()).toEqual(before.classes);
    expect(await runs()).toBe(before.runs + 1);
  });

  test('when a method has only results from before disclosed runs existed, then a starting service recomputes it for everyone else', async () => {
    const { pool } = service.deps;
    const viewerResults = async (url: string) => call(`${url}/v1/methods/t3-hand/${version}/results?period=2023`, { token: await userToken('gast') });
    await pool.query(
      `UPDATE index_run SET audience = 'raw', rules = NULL WHERE method_version_id = (SELECT id FROM method_version WHERE key = 't3-hand' AND version = $1)`,
      [version],
    );
    expect((await viewerResults(service.url)).status).toBe(404);
    const restarted = await startMonitoring({ RUN_JOBS: 'true' });
    try {
      await waitFor(async () => (await viewerResults(restarted.url)).status === 200, 30_000, 'recomputation at start-up');
    } finally {
      await restarted.close();
    }
  });

  test('when a method version exists already, then creating it again is a conflict', async () => {
    const again = await call(`${service.url}/v1/methods`, { token: await userToken('planer'), method: 'POST', body: definition(version) });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/create a new version/);
  });

  test('when a method names unknown indicators and broken cut-offs, then every problem is listed', async () => {
    const body = {
      ...definition(freshVersion()),
      statusIndicators: [{ indicatorKey: 'T3_NOPE' }, { indicatorKey: 'T3_S1' }, { indicatorKey: 'T3_S1' }],
      statusCutoffs: { high: 1, mediumUpper: 0, lowUpper: 2 },
    };
    const response = await call(`${service.url}/v1/methods`, { token: await userToken('planer'), method: 'POST', body });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toMatch(/T3_NOPE/);
    expect(response.body.detail).toMatch(/more than once/);
    expect(response.body.detail).toMatch(/statusCutoffs must be ordered/);
    expect(response.body.errors).toHaveLength(3);
  });

  test('when a neutral indicator has no polarity given, then the planner is asked for one', async () => {
    const body = { ...definition(freshVersion()), dynamicsIndicators: [{ indicatorKey: 'T3_POP' }] };
    const response = await call(`${service.url}/v1/methods`, { token: await userToken('planer'), method: 'POST', body });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/dynamicsIndicators\[0\]\.polarity is needed/);
  });

  test('when a method or its results do not exist, then the answer is 404', async () => {
    const token = await userToken('planer');
    expect((await call(`${service.url}/v1/methods/t3-none/1`, { token })).status).toBe(404);
    expect((await call(`${service.url}/v1/methods/t3-none/1/recompute`, { token, method: 'POST' })).status).toBe(404);
    const noPeriod = await call(`${service.url}/v1/methods/t3-hand/${version}/results?period=1999`, { token });
    expect(noPeriod.status).toBe(404);
    expect(noPeriod.body.detail).toMatch(/Periods with results: 2023/);
    expect((await call(`${service.url}/v1/jobs/no-such-job`, { token })).status).toBe(404);
  });

  test('when someone other than a planner writes methods, then it is forbidden', async () => {
    const token = await userToken('koordination');
    expect((await call(`${service.url}/v1/methods`, { token, method: 'POST', body: definition(freshVersion()) })).status).toBe(403);
    expect((await call(`${service.url}/v1/methods/t3-hand/${version}/recompute`, { token, method: 'POST' })).status).toBe(403);
  });

  test('when the body breaks the contract, then the validator answers 400', async () => {
    const body = { ...definition(freshVersion()), key: 'Not A Key', extra: true };
    const response = await call(`${service.url}/v1/methods`, { token: await userToken('planer'), method: 'POST', body });
    expect(response.status).toBe(400);
  });
});
