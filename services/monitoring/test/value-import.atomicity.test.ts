import { call, userToken, waitFor } from '@sozialraum/kit/testing';
import { base64, ensureIndicators, ensureSpaces, importAndWait, type MonitoringService, releaseValues, runId, startMonitoring, waitForImport } from './helpers/monitoring';

jest.setTimeout(90_000);

let service: MonitoringService;
let planer: string;
const run = runId();
const SPACES = ['TST-AT-01', 'TST-AT-02', 'TST-AT-03'];

const csv = (lines: string[]) => base64(Buffer.from(['space;period;indicator;value', ...lines].join('\n'), 'utf8'));
const body = (release: string, lines: string[], extra: Record<string, unknown> = {}) => ({
  fileName: 'werte.csv',
  format: 'csv',
  content: csv(lines),
  release: { key: release, title: `Test ${release}` },
  // German numbers (1.234 = 1234), as the city's spreadsheets write them.
  mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'period', indicatorColumn: 'indicator', valueColumn: 'value', decimal: 'comma' },
  ...extra,
});
// Line 1 is the header: these are lines 2–8.
const mixed = [
  'TST-AT-01;2022;test.at.count;12',
  'TST-AT-02;2022;test.at.count;1.234', // German thousands: 1234
  'TST-AT-09;2022;test.at.count;5', // unknown space
  'TST-AT-01;2022;test.at.nothing;5', // unknown indicator
  'TST-AT-03;2022;test.at.share;viel', // not a number
  'TST-AT-01;2022;test.at.count;13', // duplicate of line 2
  'TST-AT-03;2022;test.at.share;120', // out of range for a share
];

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  planer = await userToken('planer');
  await ensureSpaces(service.deps.pool, 'statistical-area', SPACES);
  await ensureIndicators(service.deps.pool, [
    { key: 'test.at.count', kind: 'count' },
    { key: 'test.at.share', kind: 'share' },
  ]);
});
afterAll(() => service.close());

describe('all or nothing', () => {
  test('when a file has rejected rows, then nothing is written and the report lists every one with line, column and reason', async () => {
    const release = `test-rejected-${run}`;
    const done = await importAndWait(service.url, planer, body(release, mixed));
    expect(done).toMatchObject({ status: 'rejected', imported: 0, rejected: 5, progress: { done: 7, total: 7 } });
    expect(done.report.rejected).toEqual([
      { line: 4, column: null, reason: 'unknown space "TST-AT-09"' },
      { line: 5, column: null, reason: 'unknown indicator "test.at.nothing"' },
      { line: 6, column: 'value', reason: 'not a number: "viel"' },
      { line: 7, column: 'value', reason: 'duplicate row (same space, indicator and period as line 2)' },
      { line: 8, column: 'value', reason: 'value out of range for share indicator "test.at.share": 120 (allowed 0 to 100)' },
    ]);
    expect((await releaseValues(service.deps.pool, release)).size).toBe(0);
    const releases = await call(`${service.url}/v1/releases`, { token: planer });
    expect(releases.body.items.map((r: { key: string }) => r.key)).not.toContain(release);
  });

  test('when a file has just one bad row among good ones, then still nothing is written', async () => {
    const release = `test-one-bad-${run}`;
    const done = await importAndWait(service.url, planer, body(release, [...mixed.slice(0, 2), 'TST-AT-03;2022;test.at.count;-1']));
    expect(done).toMatchObject({ status: 'rejected', imported: 0, rejected: 1 });
    expect(done.report.rejected[0]).toMatchObject({ line: 4, column: 'value' });
    expect((await releaseValues(service.deps.pool, release)).size).toBe(0);
  });

  test('when the planner accepts the valid rows, then exactly those are written and the rest reported', async () => {
    const release = `test-accept-${run}`;
    const done = await importAndWait(service.url, planer, body(release, mixed, { acceptValidRows: true }));
    expect(done).toMatchObject({ status: 'succeeded', imported: 2, rejected: 5 });
    expect(done.report.rejected).toHaveLength(5);
    expect(Object.fromEntries(await releaseValues(service.deps.pool, release))).toEqual({
      'TST-AT-01|test.at.count|2022': 12,
      'TST-AT-02|test.at.count|2022': 1234,
    });
  });
});

describe('a crash while writing', () => {
  // 3 spaces × 4,000 days = 12,000 rows: more than two write batches before the poisoned last row.
  const days = Array.from({ length: 4000 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10));
  const lines = days.flatMap((day, i) => SPACES.map((space) => `${space};${day};test.at.count;${i}`));
  const lastDay = days.at(-1)!;

  afterAll(async () => {
    await service.deps.pool.query('DROP TRIGGER IF EXISTS test_crash_import ON indicator_value; DROP FUNCTION IF EXISTS test_crash_import()');
  });

  test('when the database fails after thousands of rows, then none stay, the job is retried, and a restart succeeds', async () => {
    const { pool } = service.deps;
    // Test-only sabotage: the very last row of the file makes the INSERT fail, as a crash mid-write would.
    await pool.query(`
      CREATE FUNCTION test_crash_import() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.indicator_key = 'test.at.count' AND NEW.period = '${lastDay}' AND NEW.space_id = (SELECT id FROM space WHERE code = 'TST-AT-03' AND valid_until IS NULL) THEN
          RAISE EXCEPTION 'simulated crash while importing';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_crash_import BEFORE INSERT ON indicator_value FOR EACH ROW EXECUTE FUNCTION test_crash_import();`);
    const release = `test-crash-${run}`;
    const accepted = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: body(release, lines) });
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;

    // Between attempts the import waits as 'queued' with the error; after the third it has failed.
    let retryWaiting = false;
    await waitFor(async () => {
      const { body: current } = await call(`${service.url}/v1/imports/${id}`, { token: planer });
      retryWaiting ||= current.status === 'queued' && current.error !== null;
      return current.status === 'failed' || current.status === 'succeeded';
    }, 60_000);
    expect(retryWaiting).toBe(true);
    const failed = (await call(`${service.url}/v1/imports/${id}`, { token: planer })).body;
    expect(failed).toMatchObject({ status: 'failed', imported: 0, error: expect.stringContaining('simulated crash while importing') });
    const { rows } = await pool.query('SELECT attempts, (SELECT count(*)::int FROM indicator_value WHERE import_id = $1) AS written FROM import WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ attempts: 3, written: 0 });
    expect((await releaseValues(pool, release)).size).toBe(0);

    await pool.query('DROP TRIGGER test_crash_import ON indicator_value');
    const restarted = await call(`${service.url}/v1/imports/${id}/restart`, { token: planer, method: 'POST' });
    expect(restarted.status).toBe(202);
    const done = await waitForImport(service.url, planer, id, ['succeeded', 'failed', 'rejected']);
    expect(done).toMatchObject({ status: 'succeeded', imported: 12_000, error: null, progress: { done: 12_000, total: 12_000 } });
    const values = await releaseValues(pool, release);
    expect(values.size).toBe(12_000);
    expect(values.get(`TST-AT-03|test.at.count|${lastDay}`)).toBe(3999);
  });
});
