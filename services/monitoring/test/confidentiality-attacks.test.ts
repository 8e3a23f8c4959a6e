import { createServiceTokenProvider } from '@sozialraum/kit';
import { call, stackEnv, userToken } from '@sozialraum/kit/testing';
import { DEFAULT_CONFIDENTIALITY_RULES } from '../src/domain/confidentiality';
import { DEFAULT_RULES, freshVersion, recompute, seed, type SeedValue } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';
import { getClasses, type MapClasses } from './helpers/map';

/**
 * Attacks on statistical confidentiality: for a viewer (gast), each tries to rebuild a suppressed value from what
 * an endpoint answers, and fails. Each attack is first run on the planner's raw answers, where it must succeed —
 * so the test shows the data really give the value away when nothing is withheld.
 *
 * Data (counts unrounded, so every subtraction would be exact): district P with social spaces 1–5 (P = their sum),
 * district Q with social spaces 6 (120 residents: everything withheld) and 7.
 * - T9C_COUNT 2023: P 120 = 40 + 35 + 30 + 13 + 2 — space 5 has 2 cases (min-cases); Q 50 = 8 + 42.
 * - T9C_RATE 2023: P 60/600 = 20/200 + 15/150 + 12/120 + 10/122 + 3/8 — space 5's denominator is 8 (min-denominator).
 * - T9C_S (the one indicator of method t9c and of an above-mean alert): 2023 space 5 is 1/8 = 12.5 (withheld).
 * - T9C_D, the change of T9C_COUNT over a year (catalogue changeOf): 2023 space 5 is 2 − 10 = −8.
 */

jest.setTimeout(90_000);

let service: MonitoringService;
let gast: string;
let planer: string;
const version = freshVersion();
const RULES = { ...DEFAULT_CONFIDENTIALITY_RULES, roundCountsTo: 0 };
const S = (n: number | string) => `T9C-${n}`;
const CHILDREN = [1, 2, 3, 4, 5].map(S);
const ABOVE_MEAN = { key: 't9c-above-mean', label: 'Quote hoch', type: 'above-mean', indicatorKey: 'T9C_S', k: 0.25 };
const HIDDEN_S = 12.5;

const values: SeedValue[] = [
  ...([['P', 130, 120], [1, 42, 40], [2, 36, 35], [3, 30, 30], [4, 12, 13], [5, 10, 2], ['Q', 45, 50], [6, 5, 8], [7, 40, 42]] as const).flatMap(
    ([space, v2022, v2023]): SeedValue[] => [
      [S(space), 'T9C_COUNT', '2022', v2022],
      [S(space), 'T9C_COUNT', '2023', v2023],
      [S(space), 'T9C_D', '2023', v2023 - v2022],
    ],
  ),
  ...([['P', 60, 600], [1, 20, 200], [2, 15, 150], [3, 12, 120], [4, 10, 122], [5, 3, 8]] as const).map(
    ([space, n, d]): SeedValue => [S(space), 'T9C_RATE', '2023', (100 * n) / d, n, d],
  ),
  ...([[1, 8, 100, 14, 100], [2, 5, 100, 5, 100], [3, 4, 100, 4, 100], [4, 8, 200, 9, 200], [5, 10, 100, 1, 8], [7, 6, 100, 6, 100]] as const).flatMap(
    ([space, n22, d22, n23, d23]): SeedValue[] => [
      [S(space), 'T9C_S', '2022', (100 * n22) / d22, n22, d22],
      [S(space), 'T9C_S', '2023', (100 * n23) / d23, n23, d23],
    ],
  ),
];

const get = async (path: string, token = gast) => {
  const response = await call(`${service.url}${path}`, { token });
  expect(response.status).toBe(200);
  return response.body;
};
// The contract's validator wants reserved characters encoded.
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

type Protected = { value: number | null; suppressed: boolean; reason?: string; numerator?: number | null };
type RankItem = { spaceCode: string; value: Protected; rank: number | null; z: number | null };
const ranking = async (key: string, type: string, token = gast, period = '2023') =>
  (await get(`/v1/indicators/${key}/values?${q({ period, type })}`, token)) as { mean: number; sd: number; items: RankItem[] };
const valueOf = (items: RankItem[], code: string) => items.find((i) => i.spaceCode === code)?.value as Protected;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const visibleValues = (items: RankItem[]) => items.filter((i) => i.spaceCode.startsWith('T9C-') && !i.value.suppressed && i.value.value !== null).map((i) => i.value.value as number);
const withValue = (items: RankItem[]) => items.filter((i) => i.spaceCode.startsWith('T9C-') && i.value.reason !== 'missing');

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  [gast, planer] = await Promise.all([userToken('gast'), userToken('planer')]);
  const admin = await userToken('it-admin');
  expect((await call(`${service.url}/v1/settings/confidentiality`, { token: admin, method: 'PUT', body: RULES })).status).toBe(200);
  await seed(service, {
    spaces: [
      { code: S('P'), type: 'district', population: 5000 },
      ...CHILDREN.map((code) => ({ code, type: 'social-space', population: 1000, parent: S('P') })),
      { code: S('Q'), type: 'district', population: 1500 },
      { code: S(6), type: 'social-space', population: 120, parent: S('Q') },
      { code: S(7), type: 'social-space', population: 1380, parent: S('Q') },
    ],
    indicators: [
      { key: 'T9C_COUNT', name: 'Fälle T9C', polarity: 'higher-is-worse', kind: 'count' },
      { key: 'T9C_RATE', name: 'Quote T9C', polarity: 'higher-is-worse', kind: 'rate' },
      { key: 'T9C_S', name: 'Status T9C', polarity: 'higher-is-worse', kind: 'rate' },
      { key: 'T9C_D', name: 'Veränderung Fälle T9C', polarity: 'higher-is-worse', kind: 'count' },
    ],
    release: 't9c-attacks',
    values,
  });
  const change = await get('/v1/indicators/T9C_D', planer);
  const linked = await call(`${service.url}/v1/indicators/T9C_D`, { token: planer, method: 'PATCH', body: { version: change.version, changeOf: 'T9C_COUNT', changeYears: 1 } });
  expect(linked.status).toBe(200);
  await service.deps.pool.query(`DELETE FROM alert WHERE space_id IN (SELECT id FROM space WHERE code LIKE 'T9C-%')`);
  expect((await call(`${service.url}/v1/alert-rules`, { token: planer, method: 'PUT', body: { items: [...DEFAULT_RULES, ABOVE_MEAN] } })).status).toBe(200);
  const method = {
    key: 't9c',
    version,
    spaceType: 'social-space',
    statusIndicators: [{ indicatorKey: 'T9C_S' }],
    dynamicsIndicators: [{ indicatorKey: 'T9C_S' }],
    dynamicsSource: 'difference',
    dynamicsPeriodYears: 1,
  };
  expect((await call(`${service.url}/v1/methods`, { token: planer, method: 'POST', body: method })).status).toBe(201);
  await recompute(service, 't9c', version);
});
afterAll(async () => {
  const admin = await userToken('it-admin');
  await call(`${service.url}/v1/settings/confidentiality`, { token: admin, method: 'PUT', body: DEFAULT_CONFIDENTIALITY_RULES });
  await call(`${service.url}/v1/alert-rules`, { token: await userToken('planer'), method: 'PUT', body: { items: DEFAULT_RULES } });
  await service.close();
});

describe('mean × count − the visible values', () => {
  test('when a viewer takes a ranking’s mean, then it is the mean of what they see and gives nothing of the hidden value', async () => {
    const raw = await ranking('T9C_S', 'social-space', planer);
    const seen = await ranking('T9C_S', 'social-space');
    expect(valueOf(seen.items, S(5))).toEqual({ value: null, suppressed: true, reason: 'min-denominator', numerator: null, denominator: null });
    const visible = visibleValues(seen.items);
    const n = withValue(seen.items).length;
    expect(raw.mean * n - sum(visible)).toBeCloseTo(HIDDEN_S, 9);
    expect(seen.mean).toBeCloseTo(sum(visible) / visible.length, 12);
    expect(seen.mean * n - sum(visible)).not.toBeCloseTo(HIDDEN_S, 2);
    expect(seen.items.find((i) => i.spaceCode === S(5))).toMatchObject({ rank: null, z: null });
  });

  test('when a viewer takes a profile’s city mean and count, or a series’ city mean, then they cover only what the viewer sees', async () => {
    const profile = await get(`/v1/spaces/${S(1)}/profile`);
    const point = profile.indicators.find((i: { key: string }) => i.key === 'T9C_S').points.find((p: { period: string }) => p.period === '2023');
    const visible = visibleValues((await ranking('T9C_S', 'social-space')).items);
    expect(point).toMatchObject({ value: { value: 14, suppressed: false }, of: visible.length, rank: 1 });
    expect(point.cityMean * (point.of + 1) - sum(visible)).not.toBeCloseTo(HIDDEN_S, 2);
    expect(point.cityMean).toBeCloseTo(sum(visible) / visible.length, 12);
    const series = await get(`/v1/indicators/T9C_S/series?${q({ type: 'social-space', spaces: S(5) })}`);
    expect(series.cityMean.find((p: { period: string }) => p.period === '2023').value).toBeCloseTo(point.cityMean, 12);
    expect(series.items[0].points.map((p: { period: string; value: Protected }) => [p.period, p.value.value])).toEqual([['2022', 10], ['2023', null]]);
  });

  test('when a viewer reads the above-mean alert of a visible space, then its mean, sd and n are those of the visible values', async () => {
    const raw = (await get(`/v1/alerts?space=${S(1)}`, planer)).items.find((a: { ruleKey: string }) => a.ruleKey === ABOVE_MEAN.key);
    expect(raw.evidence.mean * raw.evidence.n - sum(visibleValues((await ranking('T9C_S', 'social-space')).items))).toBeCloseTo(HIDDEN_S, 9);
    const alert = (await get(`/v1/alerts?space=${S(1)}`)).items.find((a: { ruleKey: string }) => a.ruleKey === ABOVE_MEAN.key);
    const visible = visibleValues((await ranking('T9C_S', 'social-space')).items);
    expect(alert.evidence).toMatchObject({ kind: 'above-mean', value: 14, n: visible.length, k: 0.25 });
    expect(alert.evidence.mean).toBeCloseTo(sum(visible) / visible.length, 12);
    expect(alert.evidence.threshold).toBeCloseTo(alert.evidence.mean + 0.25 * alert.evidence.sd, 12);
    expect(alert.evidence.mean * (alert.evidence.n + 1) - sum(visible)).not.toBeCloseTo(HIDDEN_S, 2);
  });

  test('when a viewer reads the alerts of the hidden space, then no rule, message or figure of them is left', async () => {
    const raw = (await get(`/v1/alerts?space=${S(5)}`, planer)).items;
    expect(raw.map((a: { ruleKey: string }) => a.ruleKey)).toContain(ABOVE_MEAN.key);
    const seen = (await get(`/v1/alerts?space=${S(5)}`)).items;
    expect(seen).toHaveLength(raw.length);
    for (const alert of seen) expect(alert).toMatchObject({ ruleKey: 'withheld', indicatorKey: null, evidence: { kind: 'withheld' } });
    expect(JSON.stringify(seen)).not.toMatch(/mean|threshold|12\.5/);
  });
});

describe('parent total − the visible children', () => {
  const attack = (parent: Protected, children: Protected[]) => (parent.value as number) - sum(children.filter((c) => !c.suppressed).map((c) => c.value as number));

  test('when a viewer subtracts the visible children from the parent in the rankings, then at least two children are hidden', async () => {
    const rawParent = valueOf((await ranking('T9C_COUNT', 'district', planer)).items, S('P'));
    const rawChildren = (await ranking('T9C_COUNT', 'social-space', planer)).items;
    expect(attack(rawParent, CHILDREN.filter((c) => c !== S(5)).map((c) => valueOf(rawChildren, c)))).toBe(2);

    const parent = valueOf((await ranking('T9C_COUNT', 'district')).items, S('P'));
    const children = (await ranking('T9C_COUNT', 'social-space')).items;
    expect(parent).toEqual({ value: 120, suppressed: false });
    expect(valueOf(children, S(5))).toMatchObject({ suppressed: true, reason: 'min-cases' });
    // The smallest visible sibling goes too, so the difference is two values' sum, not one.
    expect(valueOf(children, S(4))).toEqual({ value: null, suppressed: true, reason: 'secondary' });
    expect(attack(parent, CHILDREN.map((c) => valueOf(children, c)))).toBe(15);
    // Q = 6 + 7 with 6 withheld (120 residents): 7 goes, Q stays.
    expect(valueOf((await ranking('T9C_COUNT', 'district')).items, S('Q'))).toEqual({ value: 50, suppressed: false });
    expect([S(6), S(7)].map((c) => valueOf(children, c).reason)).toEqual(['population', 'secondary']);
  });

  test('when a viewer subtracts the visible children’s numerators from the parent’s, then the hidden numerator does not come out', async () => {
    const parent = valueOf((await ranking('T9C_RATE', 'district')).items, S('P'));
    const children = (await ranking('T9C_RATE', 'social-space')).items;
    expect(parent).toMatchObject({ value: 10, numerator: 60 });
    expect([4, 5].map((n) => valueOf(children, S(n)))).toEqual([
      { value: null, suppressed: true, reason: 'secondary', numerator: null, denominator: null },
      { value: null, suppressed: true, reason: 'min-denominator', numerator: null, denominator: null },
    ]);
    const visibleNumerators = CHILDREN.map((c) => valueOf(children, c)).filter((v) => !v.suppressed).map((v) => v.numerator as number);
    expect(60 - sum(visibleNumerators)).toBe(13);
  });

  test('when a viewer exports parent and children as CSV, then the subtraction fails the same way', async () => {
    const codes = [S('P'), ...CHILDREN].join(',');
    const csv = await get(`/v1/exports/values?${q({ format: 'csv', spaces: codes, indicators: 'T9C_COUNT', periods: '2023' })}`);
    const rows = new Map<string, string[]>((csv as string).replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => {
      const cells = line.split(',');
      return [cells[0] as string, cells.slice(7, 10)];
    }));
    expect(rows.get(S(5))).toEqual(['', 'true', 'min-cases']);
    expect(rows.get(S(4))).toEqual(['', 'true', 'secondary']);
    const visible = CHILDREN.map((c) => rows.get(c)?.[0]).filter((v) => v !== '').map(Number);
    expect(Number(rows.get(S('P'))?.[0]) - sum(visible)).toBe(15);
  });

  test('when a viewer reads the maps of both levels, then the subtraction fails the same way', async () => {
    const map = async (type: string, token = gast) => {
      const { body } = await getClasses(service.url, { type, indicators: 'T9C_COUNT', period: '2023' }, token);
      return new Map<string, Protected>(Object.entries((body as MapClasses).spaces).map(([code, space]) => [code, space.values.T9C_COUNT as Protected]));
    };
    const [parents, children] = [await map('district'), await map('social-space')];
    expect(children.get(S(5))).toMatchObject({ suppressed: true, reason: 'min-cases' });
    expect(children.get(S(4))).toMatchObject({ suppressed: true, reason: 'secondary' });
    expect(attack(parents.get(S('P')) as Protected, CHILDREN.map((c) => children.get(c) as Protected))).toBe(15);
    expect((await map('social-space', planer)).get(S(5))).toEqual({ value: 2, suppressed: false });
  });
});

describe('previous value + change', () => {
  test('when a viewer adds the change to the previous value, then there is no change where either end is hidden', async () => {
    const raw = await get(`/v1/indicators/T9C_COUNT/change?${q({ from: '2022', to: '2023', type: 'social-space' })}`, planer);
    expect(raw.items.find((i: { spaceCode: string }) => i.spaceCode === S(5))).toMatchObject({ from: { value: 10 }, change: -8 });
    const seen = await get(`/v1/indicators/T9C_COUNT/change?${q({ from: '2022', to: '2023', type: 'social-space' })}`);
    for (const code of [S(4), S(5)]) {
      const item = seen.items.find((i: { spaceCode: string }) => i.spaceCode === code);
      expect(item).toMatchObject({ from: { suppressed: false }, to: { value: null, suppressed: true }, change: null });
    }
    expect(seen.items.find((i: { spaceCode: string }) => i.spaceCode === S(1))).toMatchObject({ from: { value: 42 }, to: { value: 40 }, change: -2 });
  });

  test('when a viewer adds a change imported as an indicator of its own to the level before, then the change is withheld', async () => {
    const before = valueOf((await ranking('T9C_COUNT', 'social-space', gast, '2022')).items, S(5));
    expect(before).toEqual({ value: 10, suppressed: false });
    expect((before.value as number) + (valueOf((await ranking('T9C_D', 'social-space', planer)).items, S(5)).value as number)).toBe(2);
    const change = (await ranking('T9C_D', 'social-space')).items;
    expect(valueOf(change, S(5))).toEqual({ value: null, suppressed: true, reason: 'secondary' });
    // Where both levels are visible, so is the change.
    expect(valueOf(change, S(3))).toEqual({ value: 0, suppressed: false });
  });
});

describe('the index of a one-indicator method', () => {
  type Result = { spaceCode: string; statusIndex: number | null; statusClass: number | null; zValues: Record<string, number>; excluded: string | null };
  const results = async (token: string) => (await get(`/v1/methods/t9c/${version}/results?period=2023`, token)) as { items: Result[]; summary: { scored: number } };
  /** x = mean + z · sd: two spaces with known value and z give mean and sd, then any z gives its value. */
  const rebuild = (a: [number, number], b: [number, number], z: number) => {
    const sd = (a[0] - b[0]) / (a[1] - b[1]);
    return a[0] - a[1] * sd + z * sd;
  };

  test('when a viewer solves mean and sd from two visible spaces’ z-values, then the hidden space has no z, index or class to apply them to', async () => {
    const raw = await results(planer);
    const z = (items: Result[], code: string) => items.find((r) => r.spaceCode === code)?.statusIndex as number;
    expect(rebuild([14, z(raw.items, S(1))], [5, z(raw.items, S(2))], z(raw.items, S(5)))).toBeCloseTo(HIDDEN_S, 9);

    const seen = await results(gast);
    expect(seen.items.find((r) => r.spaceCode === S(5))).toMatchObject({ statusIndex: null, statusClass: null, zValues: {}, excluded: 'An input value is confidential.' });
    // What the visible z-values give is the mean and sd of the visible values alone: nothing of the hidden one.
    const visible = [14, 5, 4, 4.5, 6];
    const m = rebuild([14, z(seen.items, S(1))], [5, z(seen.items, S(2))], 0);
    expect(m).toBeCloseTo(sum(visible) / visible.length, 9);
    expect(m * (seen.summary.scored + 1) - sum(visible)).not.toBeCloseTo(HIDDEN_S, 2);
    expect([raw.summary.scored, seen.summary.scored]).toEqual([6, 5]);
  });

  test('when a viewer reads the class on the map or in the profile, then the hidden space has none', async () => {
    const map = (await getClasses(service.url, { type: 'social-space', indicators: 'T9C_S', period: '2023', method: `t9c@${version}` }, gast)).body as MapClasses;
    expect(map.spaces[S(5)]).toMatchObject({ values: { T9C_S: { value: null, suppressed: true } }, statusClass: null, dynamicsClass: null, combinedGroup: null });
    expect(map.spaces[S(1)]?.statusClass).not.toBeNull();
    const profile = await get(`/v1/spaces/${S(5)}/profile?${q({ method: `t9c@${version}` })}`);
    expect(profile.classHistory).toEqual([expect.objectContaining({ period: '2023', statusIndex: null, statusClass: null, excluded: 'An input value is confidential.' })]);
  });

  test('when the rules change and no recomputation has run yet, then viewers get no index results until it has', async () => {
    const { pool } = service.deps;
    const stricter = { ...RULES, minDenominator: 150 };
    await pool.query(`UPDATE setting SET value = $1 WHERE key = 'confidentiality'`, [JSON.stringify(stricter)]);
    try {
      expect((await call(`${service.url}/v1/methods/t9c/${version}/results?period=2023`, { token: gast })).status).toBe(404);
      const map = (await getClasses(service.url, { type: 'social-space', period: '2023', method: `t9c@${version}` }, gast)).body as MapClasses;
      expect(Object.entries(map.spaces).filter(([code, space]) => code.startsWith('T9C-') && space.statusClass !== null)).toEqual([]);
      expect((await results(planer)).summary.scored).toBe(6);
    } finally {
      await pool.query(`UPDATE setting SET value = $1 WHERE key = 'confidentiality'`, [JSON.stringify(RULES)]);
    }
    expect((await results(gast)).summary.scored).toBe(5);
  });
});

describe('evidence frozen into cycles and the raw-data role', () => {
  test('when the strategy service reads a profile for a cycle’s evidence (its own service token), then it gets what a viewer gets', async () => {
    const token = await createServiceTokenProvider({
      keycloakUrl: stackEnv('KEYCLOAK_URL'),
      realm: process.env.KEYCLOAK_REALM ?? 'sozialraum',
      clientId: 'svc-strategy',
      clientSecret: stackEnv('KEYCLOAK_SECRET_STRATEGY'),
    })();
    const profile = await get(`/v1/spaces/${S(5)}/profile?${q({ method: `t9c@${version}` })}`, token);
    const point = (key: string) => profile.indicators.find((i: { key: string }) => i.key === key).points.find((p: { period: string }) => p.period === '2023');
    expect(point('T9C_COUNT')).toMatchObject({ value: { value: null, suppressed: true }, rank: null, z: null });
    expect(point('T9C_S')).toMatchObject({ value: { value: null, suppressed: true }, rank: null, z: null });
    expect(profile.classHistory[0]).toMatchObject({ statusIndex: null, statusClass: null });
    for (const alert of profile.alerts) expect(alert.evidence).toEqual({ kind: 'withheld' });
  });

  test('when a planner with the raw-data role reads the same, then every raw value, index and alert is there', async () => {
    const children = (await ranking('T9C_COUNT', 'social-space', planer)).items;
    expect(CHILDREN.map((c) => valueOf(children, c).value)).toEqual([40, 35, 30, 13, 2]);
    const profile = await get(`/v1/spaces/${S(5)}/profile?${q({ method: `t9c@${version}` })}`, planer);
    const point = profile.indicators.find((i: { key: string }) => i.key === 'T9C_S').points.find((p: { period: string }) => p.period === '2023');
    expect(point.value).toEqual({ value: HIDDEN_S, suppressed: false, numerator: 1, denominator: 8 });
    expect(profile.classHistory[0].statusIndex).toEqual(expect.any(Number));
    expect(profile.alerts.find((a: { ruleKey: string }) => a.ruleKey === ABOVE_MEAN.key).evidence).toMatchObject({ value: HIDDEN_S, n: 6 });
  });
});
