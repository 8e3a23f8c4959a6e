import { call, userToken, waitFor } from '@sozialraum/kit/testing';
import { freshVersion, recompute, seed } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

/** The profile snapshot (use-cases/profile-snapshot.ts): made after each data change, read by profiles, disclosed per audience. */
let service: MonitoringService;
const KEY = 'T6S_V';
const codes = ['T6S-A', 'T6S-B', 'T6S-C', 'T6S-D', 'T6S-E'];
const version = freshVersion();

type Point = { period: string; value: { value: number | null; suppressed: boolean }; cityMean: number | null; rank: number | null; of: number };
type Indicator = { key: string; points: Point[] };

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  // T6S-E has 100 residents: viewers never get its values.
  await seed(service, {
    spaces: codes.map((code) => ({ code, type: 'district', population: code === 'T6S-E' ? 100 : 1000 })),
    indicators: [{ key: KEY, name: 'Anteil T6S', polarity: 'higher-is-worse', kind: 'share' }],
    release: 't6-snapshot-seed',
    values: [],
  });
});
afterAll(() => service.close());

const db = () => service.deps.pool;

/** Imports one value per space (in code order) for 2023 through the API and waits until it is stored. */
async function importValues(values: number[]): Promise<void> {
  const token = await userToken('planer');
  const csv = `code,year,${KEY}\n${codes.map((code, i) => `${code},2023,${values[i]}`).join('\n')}\n`;
  const accepted = await call(`${service.url}/v1/imports/values`, {
    token,
    method: 'POST',
    body: {
      fileName: 't6.csv', format: 'csv', content: Buffer.from(csv).toString('base64'), release: { key: `t6-snapshot-${version}`, title: 'T6S' },
      mapping: { layout: 'wide', spaceColumn: 'code', periodColumn: 'year', columns: { [KEY]: KEY } },
    },
  });
  expect(accepted.status).toBe(202);
  await waitFor(async () => {
    const record = (await call(`${service.url}/v1/imports/${accepted.body.id}`, { token })).body;
    if (record.status === 'failed' || record.status === 'rejected') throw new Error(`import ${record.status}`);
    return record.status === 'succeeded';
  }, 30_000, 'import');
}

/** The data version in force once its snapshot is complete. */
async function snapshotOfCurrentData(): Promise<string> {
  let current: string | undefined;
  await waitFor(async () => {
    const { rows } = await db().query<{ v: string }>('SELECT s.data_version::text AS v FROM profile_snapshot s JOIN data_version d ON d.value = s.data_version');
    current = rows[0]?.v;
    return current !== undefined;
  }, 60_000, 'profile snapshot of the data in force');
  return current as string;
}

/** The space's rows in force: stored under the stamps its indicators have now. */
async function stored(audience: string, code: string): Promise<Indicator[]> {
  const { rows } = await db().query<{ body: string }>(
    `SELECT p.body FROM profile_indicator p JOIN profile_indicator_stamp st ON st.indicator_key = p.indicator_key AND st.stamp = p.stamp
      WHERE p.audience = $1 AND p.space_code = $2 ORDER BY p.indicator_key`,
    [audience, code],
  );
  return rows.map((r) => JSON.parse(r.body) as Indicator);
}

async function profile(user: string, code: string, query = '') {
  const answer = await call(`${service.url}/v1/spaces/${code}/profile${query}`, { token: await userToken(user) });
  expect(answer.status).toBe(200);
  return answer.body as { indicators: Indicator[]; method: string | null; classHistory: unknown[] };
}

const point = (p: { indicators: Indicator[] }) => p.indicators.find((i) => i.key === KEY)?.points.find((x) => x.period === '2023');

describe('profile snapshot', () => {
  test('when values are imported, then the snapshot of the new data version is made and profiles are read from it, disclosed for viewers', async () => {
    await importValues([10, 20, 30, 40, 50]);
    const first = await snapshotOfCurrentData();
    const planner = await profile('planer', 'T6S-A');
    const viewer = await profile('gast', 'T6S-A');
    // What the profile answers is what the snapshot holds for the caller's audience.
    expect(planner.indicators).toEqual(await stored('raw', 'T6S-A'));
    expect(viewer.indicators).toEqual(await stored('disclosed', 'T6S-A'));
    expect(point(planner)).toMatchObject({ cityMean: 30, rank: 5, of: 5 });
    // Viewers: T6S-E is withheld, and left out of the mean and the ranks.
    expect(point(viewer)).toMatchObject({ cityMean: 25, rank: 4, of: 4 });
    expect(point(await profile('gast', 'T6S-E'))).toMatchObject({ value: { value: null, suppressed: true }, rank: null });
    const withheld = await stored('disclosed', 'T6S-E');
    expect(JSON.stringify(withheld)).not.toContain('50');
    expect(withheld[0]?.points[0]?.value).toMatchObject({ value: null, suppressed: true });

    await importValues([10, 60, 30, 40, 50]);
    const second = await snapshotOfCurrentData();
    expect(Number(second)).toBeGreaterThan(Number(first));
    expect(point(await profile('planer', 'T6S-A'))).toMatchObject({ cityMean: 38, rank: 5 });
    expect(point(await profile('gast', 'T6S-A'))).toMatchObject({ cityMean: 35, rank: 4, of: 4 });
    // Only the rows in force are kept: the indicator's rows of its old stamp are gone.
    const { rows } = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM profile_indicator p
        WHERE NOT EXISTS (SELECT 1 FROM profile_indicator_stamp st WHERE st.indicator_key = p.indicator_key AND st.stamp = p.stamp)`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  test('when the data change without a job that snapshots them, then profiles are computed from the new data at once and the snapshot follows', async () => {
    await snapshotOfCurrentData();
    // Straight in the database: T6S-B below the residents' minimum, so viewers lose its value.
    await db().query("UPDATE space SET population = 100 WHERE code = 'T6S-B'");
    try {
      expect(point(await profile('gast', 'T6S-A'))).toMatchObject({ cityMean: (10 + 30 + 40) / 3, rank: 3, of: 3 });
      await snapshotOfCurrentData();
      expect(point(await profile('gast', 'T6S-B'))).toMatchObject({ value: { value: null, suppressed: true }, rank: null });
      expect((await profile('gast', 'T6S-A')).indicators).toEqual(await stored('disclosed', 'T6S-A'));
      expect(point(await profile('planer', 'T6S-B'))).toMatchObject({ value: { value: 60, suppressed: false } });
    } finally {
      await db().query("UPDATE space SET population = 1000 WHERE code = 'T6S-B'");
    }
  });

  test('when a profile was read, then the next one of the same version comes from the kept rows, and after a change from the new data', async () => {
    await profile('planer', 'T6S-A'); // the change the test before ends with was made without a job: this queues it
    const snapshot = await snapshotOfCurrentData();
    const before = await profile('planer', 'T6S-A');
    const viewerBefore = await profile('gast', 'T6S-A');
    // Rows gone without a new version (nothing real does this): only the kept ones can answer now.
    const deleted = await db().query('DELETE FROM profile_indicator WHERE space_code = $1', ['T6S-A']);
    expect(deleted.rowCount).toBeGreaterThan(0);
    try {
      expect((await profile('planer', 'T6S-A')).indicators).toEqual(before.indicators);
      // Kept by audience: the viewer still gets the disclosed rows, never the planner's.
      expect((await profile('gast', 'T6S-A')).indicators).toEqual(viewerBefore.indicators);
      await db().query("UPDATE space SET population = 100 WHERE code = 'T6S-B'");
      // A new version: the kept rows of the old one are not served (the viewer loses T6S-B's value at once).
      expect(point(await profile('gast', 'T6S-A'))).toMatchObject({ cityMean: (10 + 30 + 40) / 3, rank: 3, of: 3 });
    } finally {
      await db().query("UPDATE space SET population = 1000 WHERE code = 'T6S-B'");
    }
    // Changed straight in the database: the first profile finds no snapshot and queues it.
    expect((await profile('planer', 'T6S-A')).indicators).toEqual(before.indicators);
    const again = await snapshotOfCurrentData();
    expect(Number(again)).toBeGreaterThan(Number(snapshot));
    expect((await profile('planer', 'T6S-A')).indicators).toEqual(await stored('raw', 'T6S-A'));
  });

  test('when responses are not checked against the document (production), then the profile goes out as the snapshot text and reads the same', async () => {
    const plain = await startMonitoring({ VALIDATE_RESPONSES: 'false' });
    try {
      await profile('planer', 'T6S-A');
      await snapshotOfCurrentData();
      for (const user of ['planer', 'gast']) {
        for (const code of ['T6S-A', 'T6S-E']) {
          const token = await userToken(user);
          const sent = await call(`${plain.url}/v1/spaces/${code}/profile`, { token });
          expect(sent.headers.get('content-type')).toContain('application/json');
          expect(sent.body).toEqual((await call(`${service.url}/v1/spaces/${code}/profile`, { token })).body);
        }
      }
    } finally {
      await plain.close();
    }
  });

  test('when a method is recomputed or a new version of it is made, then the profile shows its classes while the snapshot stays', async () => {
    const token = await userToken('planer');
    const method = (v: string) => ({
      key: 't6-snapshot', version: v, spaceType: 'district', minPopulation: 300,
      statusIndicators: [{ indicatorKey: KEY }], dynamicsIndicators: [{ indicatorKey: KEY }], dynamicsSource: 'indicator',
    });
    expect((await call(`${service.url}/v1/methods`, { token, method: 'POST', body: method(version) })).status).toBe(201);
    // The last test put T6S-B's residents back straight in the database: this profile queues the snapshot.
    expect((await profile('planer', 'T6S-A', `?method=t6-snapshot@${version}`)).classHistory).toEqual([]);
    const snapshot = await snapshotOfCurrentData();
    await recompute(service, 't6-snapshot', version);
    const after = await profile('planer', 'T6S-A', `?method=t6-snapshot@${version}`);
    expect(after.method).toBe(`t6-snapshot@${version}`);
    expect(after.classHistory).toHaveLength(1);
    // Viewers get no index of T6S-E (100 residents), and its value stays withheld from them.
    const small = await profile('gast', 'T6S-E', `?method=t6-snapshot@${version}`);
    expect(small.classHistory).toMatchObject([{ statusIndex: null, statusClass: null, excluded: expect.any(String) }]);
    expect(point(small)).toMatchObject({ value: { value: null, suppressed: true } });
    const next = `${version}b`;
    expect((await call(`${service.url}/v1/methods`, { token, method: 'POST', body: method(next) })).status).toBe(201);
    await recompute(service, 't6-snapshot', next);
    const newer = await profile('planer', 'T6S-A', `?method=t6-snapshot@${next}`);
    expect(newer.method).toBe(`t6-snapshot@${next}`);
    expect(newer.classHistory).toHaveLength(1);
    // Index results are read beside the snapshot: it stayed the one of the data in force.
    expect(await snapshotOfCurrentData()).toBe(snapshot);
    expect(newer.indicators).toEqual(await stored('raw', 'T6S-A'));
  });
});
