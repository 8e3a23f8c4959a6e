import { createVersionedCache } from '@sozialraum/kit';
import { buildProfileSnapshot } from '../src/use-cases/profile-snapshot';
import { call, userToken } from '@sozialraum/kit/testing';
import { readProfileSnapshot } from '../src/data/profile-snapshot.repository';
import { computedProfileIndicatorsJson } from '../src/use-cases/profile';
import type { Audience } from '../src/use-cases/disclosure';
import { seed } from './methods.fixtures';
import { type MonitoringService, runId, startMonitoring } from './helpers/monitoring';

/**
 * The snapshot job makes every space's profile at once (whole types, both audiences); a profile without a
 * snapshot computes its own in the request (peer statistics of its type). Both must give the same figures —
 * for viewers from the same disclosed values (primary, secondary suppression, rounded parts), so the snapshot
 * discloses nothing the request would not. Numbers are compared to 12 digits, so a build that sums in another
 * order (e.g. set-based in SQL) can be checked by the same test.
 */
let service: MonitoringService;
const run = runId();
const [SHARE, COUNT, RATE] = ['share', 'count', 'rate'].map((k) => `T6Q_${k}_${run}`) as [string, string, string];
// P is the parent of A–E; A has 100 residents (all its values withheld for viewers), so secondary suppression hides a sibling.
const children = ['T6Q-A', 'T6Q-B', 'T6Q-C', 'T6Q-D', 'T6Q-E'];
const codes = ['T6Q-P', ...children];

beforeAll(async () => {
  service = await startMonitoring();
  const values: Array<[string, string, string, number, (number | null)?, (number | null)?]> = [];
  for (const [p, period] of ['2022', '2023'].entries()) {
    const counts = [7, 2, 40, 17, 33].map((c) => c + p * 5);
    children.forEach((code, i) => {
      values.push([code, SHARE, period, 10.5 + i * 3.25 + p, 40 + i, 200 + i * 10]);
      values.push([code, COUNT, period, counts[i] as number]);
      values.push([code, RATE, period, i === 3 ? 12 : 5.5 * (i + 1), i === 4 ? 1 : 11 + i, i === 4 ? 8 : 100 + i]);
    });
    values.push(['T6Q-P', SHARE, period, 16.75 + p, 210, 1100]);
    values.push(['T6Q-P', COUNT, period, counts.reduce((a, b) => a + b, 0)]);
    values.push(['T6Q-P', RATE, period, 10, 65, 518]);
  }
  await seed(service, {
    spaces: [
      { code: 'T6Q-P', type: 'district', population: 5000 },
      ...children.map((code) => ({ code, type: 'planning-area', population: code === 'T6Q-A' ? 100 : 1000 + code.charCodeAt(4), parent: 'T6Q-P' })),
    ],
    indicators: [
      { key: SHARE, polarity: 'higher-is-worse', kind: 'share' },
      { key: COUNT, polarity: 'higher-is-better', kind: 'count' },
      { key: RATE, polarity: 'neutral', kind: 'rate' },
    ],
    release: `t6-equivalence-${run}`,
    values,
  });
});
afterAll(() => service.close());

type Indicator = { key: string; points: Array<Record<string, unknown> & { value: { suppressed: boolean; value: number | null } }> };

/** Numbers to 12 significant digits: the statement and JavaScript may sum in another order. */
const rounded = (json: unknown): unknown =>
  JSON.parse(JSON.stringify(json), (_key, value: unknown) => (typeof value === 'number' ? Number(value.toPrecision(12)) : value));

const mine = (indicators: Indicator[]) => indicators.filter((i) => [SHARE, COUNT, RATE].includes(i.key));

/** A space's rows in force (stored under its indicators' stamps in force) for one audience, of this test's indicators. */
async function storedInForce(audience: Audience, code: string): Promise<Indicator[]> {
  const { rows } = await service.deps.pool.query<{ body: string }>(
    `SELECT p.body FROM profile_indicator p JOIN profile_indicator_stamp st ON st.indicator_key = p.indicator_key AND st.stamp = p.stamp
      WHERE p.audience = $1 AND p.space_code = $2 ORDER BY p.indicator_key`,
    [audience, code],
  );
  return mine(rows.map((r) => JSON.parse(r.body) as Indicator));
}

const typeOf = (code: string) => (code === 'T6Q-P' ? 'district' : 'planning-area');
const computedInRequest = async (audience: Audience, code: string) =>
  mine(JSON.parse(await computedProfileIndicatorsJson(service.deps.pool, createVersionedCache(0), audience, code, typeOf(code))) as Indicator[]);

/** Compares every space's rows in force with the request's computation for both audiences; returns how many points are withheld. */
async function expectSnapshotAsRequest(): Promise<number> {
  let withheld = 0;
  for (const audience of ['raw', 'disclosed'] as Audience[]) {
    for (const code of codes) {
      const stored = await storedInForce(audience, code);
      expect(stored).toHaveLength(3);
      expect(rounded(stored)).toEqual(rounded(await computedInRequest(audience, code)));
      withheld += stored.flatMap((i) => i.points).filter((p) => p.value.suppressed).length;
    }
  }
  return withheld;
}

/** Per indicator of this test, the transaction ids of its rows in force: the same when the rows were left as they were. */
async function rowWriters(): Promise<Map<string, string>> {
  const { rows } = await service.deps.pool.query<{ key: string; writers: string }>(
    `SELECT p.indicator_key AS key, string_agg(p.xmin::text, ',' ORDER BY p.audience, p.space_code) AS writers
       FROM profile_indicator p JOIN profile_indicator_stamp st ON st.indicator_key = p.indicator_key AND st.stamp = p.stamp
      WHERE p.indicator_key = ANY($1) GROUP BY 1`,
    [[SHARE, COUNT, RATE]],
  );
  return new Map(rows.map((r) => [r.key, r.writers]));
}

const stampsOf = async (keys: string[]) => {
  const { rows } = await service.deps.pool.query<{ key: string; stamp: string }>(
    'SELECT indicator_key AS key, stamp::text AS stamp FROM profile_indicator_stamp WHERE indicator_key = ANY($1)',
    [keys],
  );
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.stamp)]));
};

describe('profile snapshot and profile computed in the request', () => {
  test('when the snapshot is built, then every space has the same indicators for both audiences as computed in the request, withheld cells included', async () => {
    const db = service.deps.pool;
    // Not complete yet for this version, else another test's job made it from the same data: read it either way.
    await buildProfileSnapshot(db);
    const { rows: versions } = await db.query<{ v: string }>('SELECT s.data_version::text AS v FROM profile_snapshot s JOIN data_version d ON d.value = s.data_version');
    expect(versions).toHaveLength(1);
    // Primary (A, the small count, the rate of E's small denominator) and secondary suppression happened.
    expect(await expectSnapshotAsRequest()).toBeGreaterThanOrEqual(8);
    const viewerA = (await storedInForce('disclosed', 'T6Q-A')).find((i) => i.key === SHARE);
    expect(JSON.stringify(viewerA)).not.toContain('10.5');
  });

  test('when one indicator\'s values change, then profiles take the others from the snapshot at once, only its rows are made again, and snapshot and request agree', async () => {
    const db = service.deps.pool;
    await buildProfileSnapshot(db);
    const withheldBefore = await expectSnapshotAsRequest();
    const writersBefore = await rowWriters();
    // T6Q-C's count of 2023 becomes 2: withheld for viewers.
    await db.query(
      `UPDATE indicator_value SET value = 2 WHERE indicator_key = $1 AND period = '2023' AND space_id IN (SELECT id FROM space WHERE code = 'T6Q-C')`,
      [COUNT],
    );
    // Before the job: the count is not in the snapshot for its new stamp, the other two are.
    const read = await readProfileSnapshot(db, 'disclosed', 'T6Q-B');
    expect(read.entries.filter((e) => [SHARE, COUNT, RATE].includes(e.key)).map((e) => [e.key, e.body !== null])).toEqual(
      [[COUNT, false], [RATE, true], [SHARE, true]].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
    );
    // The profile meanwhile: the count computed in the request, the others from the snapshot, the same as all computed.
    for (const [user, audience] of [['planer', 'raw'], ['gast', 'disclosed']] as const) {
      const token = await userToken(user);
      for (const code of codes) {
        const answer = await call(`${service.url}/v1/spaces/${code}/profile`, { token });
        expect(answer.status).toBe(200);
        expect(rounded(mine((answer.body as { indicators: Indicator[] }).indicators))).toEqual(rounded(await computedInRequest(audience, code)));
      }
    }
    const outcome = await buildProfileSnapshot(db);
    expect(outcome.built).toBe(true);
    const writersAfter = await rowWriters();
    expect(writersAfter.get(SHARE)).toBe(writersBefore.get(SHARE));
    expect(writersAfter.get(RATE)).toBe(writersBefore.get(RATE));
    expect(writersAfter.get(COUNT)).not.toBe(writersBefore.get(COUNT));
    expect(await expectSnapshotAsRequest()).toBeGreaterThanOrEqual(withheldBefore);
    const plannerC = (await storedInForce('raw', 'T6Q-C')).find((i) => i.key === COUNT)!.points.find((p) => p.period === '2023');
    expect(plannerC?.value).toMatchObject({ suppressed: false, value: 2 });
    const viewerC = (await storedInForce('disclosed', 'T6Q-C')).find((i) => i.key === COUNT)!.points.find((p) => p.period === '2023');
    expect(viewerC?.value).toMatchObject({ suppressed: true, value: null });
  });

  test('when a level changes, then the indicators that are its change get a new stamp too; when a space changes, then every indicator does', async () => {
    const db = service.deps.pool;
    const [level, change, other] = ['level', 'change', 'other'].map((k) => `T6Q_${k}_${run}`) as [string, string, string];
    await db.query(`INSERT INTO indicator (key, name, polarity, kind) VALUES ($1, 'Stand', 'neutral', 'count'), ($2, 'Anderer', 'neutral', 'count')`, [level, other]);
    await db.query(`INSERT INTO indicator (key, name, polarity, kind, change_of, change_years) VALUES ($1, 'Veränderung', 'neutral', 'count', $2, 1)`, [change, level]);
    const before = await stampsOf([level, change, other]);
    await db.query(
      `INSERT INTO indicator_value (space_id, indicator_key, period, release_id, value)
       SELECT s.id, $1, '2023', (SELECT id FROM data_release ORDER BY id LIMIT 1), 50 FROM space s WHERE s.code = 'T6Q-B' AND s.valid_until IS NULL`,
      [level],
    );
    const afterLevel = await stampsOf([level, change, other]);
    expect(afterLevel[level]).toBeGreaterThan(before[level]!);
    expect(afterLevel[change]).toBe(afterLevel[level]);
    expect(afterLevel[other]).toBe(before[other]);
    await db.query(`UPDATE space SET population = population WHERE code = 'T6Q-D'`);
    const afterSpace = await stampsOf([level, change, other]);
    for (const key of [level, change, other]) expect(afterSpace[key]).toBeGreaterThan(afterLevel[key]!);
    expect(new Set(Object.values(afterSpace)).size).toBe(1);
  });
});
