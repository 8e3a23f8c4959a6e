/**
 * The monitoring service at scale (issue 3 point 11), on Berlin's 542 real planning areas (imported from the
 * shapefile through the API) with synthetic values for 100 indicators over 18 years (975,600 values):
 * - a full recomputation of a method version (10 status and 10 dynamics indicators, every period) against
 *   one hand-written SQL query computing the same z-values;
 * - the space profile and the 542-area map with classes under load, next to GET /v1/me, for a planner
 *   (raw values) and for a viewer (confidentiality applied: 1 % of the areas are below 300 residents, so their
 *   values are withheld and the index results viewers get are computed without them); the profile also at
 *   Berlin's real size (its MSS indicators) and as the first request after a data change, once the profile
 *   snapshot job that change queued is done (and how long after the change that is); the map as the web app
 *   loads it and a browser accepts it (compressed): the classes by code (GET /v1/map/classes, what every change
 *   of view fetches, the outlines held by the browser), and the simplified outlines' first load and their 304:
 *   each in BENCH_ROUNDS interleaved rounds with GET /v1/me (harness.ts `compare`), with CPU per request.
 * The values come in through the API as data setup; the import's speed is measured by value-import.ts.
 * Run: npm run bench -- monitoring
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { call, type StartedProcess, userToken, waitFor } from '@sozialraum/kit/testing';
import { compare, LOAD, measure, report, reportComparison, ROUND_SECONDS, ROUNDS } from './harness';
import { benchDatabase, inParallel, peakRssMb, startBuilt, stop } from './platform';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 100);
const YEARS = Array.from({ length: 18 }, (_, i) => String(2005 + i));
const METHOD_INDICATORS = 10;
const DATA = join(__dirname, '..', '..', '..', 'shared', 'data');

const keys = Array.from({ length: INDICATORS }, (_, i) => `bench.i${String(i + 1).padStart(3, '0')}`);
const methodKeys = keys.slice(0, METHOD_INDICATORS);
const seconds = (since: number) => (performance.now() - since) / 1000;

/** The planner's API, with a token renewed every minute: tokens live 5 minutes, imports at this size longer. */
function plannerApi(url: string): Api {
  let token: Promise<string> | undefined;
  let taken = 0;
  return async (method, path, body) => {
    if (!token || Date.now() - taken > 60_000) [token, taken] = [userToken('planer'), Date.now()];
    return call(`${url}${path}`, { token: await token, method, body });
  };
}

/** A deterministic pseudo-random share in [0, 100) with one decimal: the same file on every run. */
function shareAt(space: number, indicator: number, year: number): number {
  let x = (space * 73_856_093) ^ (indicator * 19_349_663) ^ (year * 83_492_791);
  x = Math.imul(x ^ (x >>> 13), 0x5bd1e995);
  return (((x ^ (x >>> 15)) >>> 0) % 1000) / 10;
}

type Answer = { status: number; body: Record<string, unknown> & { id?: string } };
type Api = (method: string, path: string, body?: unknown) => Promise<Answer>;
type ImportRecord = { status: string; imported: number; total: number; report?: unknown; error?: unknown };
type Job = { state: string; failedReason?: string | null; result?: { durationsMs?: { indices: number; alerts: number } } };

async function importAndWait(api: Api, path: string, body: unknown): Promise<{ status: string; imported: number; total: number }> {
  const accepted = await api('POST', path, body);
  if (accepted.status !== 202) throw new Error(`${path}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  let record: ImportRecord | undefined;
  await waitFor(async () => {
    record = (await api('GET', `/v1/imports/${accepted.body.id}`)).body as unknown as ImportRecord;
    return ['succeeded', 'rejected', 'failed'].includes(record.status);
  }, 600_000, path);
  if (record!.status !== 'succeeded') throw new Error(`${path}: ${record!.status} ${JSON.stringify(record!.report ?? record!.error)}`);
  return record!;
}

async function jobDone(api: Api, jobId: string): Promise<Job> {
  let job: Job | undefined;
  await waitFor(async () => {
    job = (await api('GET', `/v1/jobs/${encodeURIComponent(jobId)}`)).body as unknown as Job;
    return job.state === 'completed' || job.state === 'failed';
  }, 600_000, `job ${jobId}`);
  if (job!.state !== 'completed') throw new Error(`job ${jobId}: ${job!.failedReason}`);
  return job!;
}

/** The wide CSV a statistics office would send: one row per area and year, one column per indicator. */
function syntheticCsv(codes: readonly string[]): Buffer {
  const lines = [`PLR_ID,year,${keys.join(',')}`];
  codes.forEach((code, s) => {
    for (const year of YEARS) lines.push(`${code},${year},${keys.map((_, i) => shareAt(s, i, Number(year))).join(',')}`);
  });
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * The baseline of the recomputation: the z-values of the method in one statement — status indicators per period, dynamics as the
 * change over two years — standardised over the areas valid today (sample standard deviation, as the method),
 * returned to the client as the recomputation reads its values from the database.
 */
const Z_VALUES_SQL = `
  WITH v AS (
    SELECT c.space_id, c.indicator_key, c.period, c.value
      FROM current_value c JOIN space s ON s.id = c.space_id
     WHERE c.indicator_key = ANY ($1) AND s.type = 'planning-area' AND s.valid_from <= current_date
       AND (s.valid_until IS NULL OR s.valid_until > current_date)),
  d AS (
    SELECT e.space_id, e.indicator_key, e.period, e.value - b.value AS value
      FROM v e JOIN v b ON b.space_id = e.space_id AND b.indicator_key = e.indicator_key
                       AND b.period = (e.period::int - 2)::text),
  both_dimensions AS (SELECT 'status' AS dimension, * FROM v UNION ALL SELECT 'dynamics', * FROM d)
  SELECT dimension, space_id, indicator_key, period, (value - avg(value) OVER w) / NULLIF(stddev_samp(value) OVER w, 0) AS z
    FROM both_dimensions WINDOW w AS (PARTITION BY dimension, indicator_key, period)`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return seconds(started);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;


/** One request's time in seconds (it must answer 200). */
async function timedGet(url: string, token: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return seconds(started);
}

/** Whether the profile snapshot (services/monitoring use-cases/profile-snapshot.ts) of the data in force is complete. */
async function snapshotReady(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ ready: boolean }>('SELECT EXISTS (SELECT 1 FROM profile_snapshot s JOIN data_version d ON d.value = s.data_version) AS ready');
  return rows[0]!.ready;
}

/**
 * A data change as a planner makes it: a space's residents through the API, which queues the recomputation
 * and the profile snapshot. Returns the seconds until the snapshot of the new data is complete, i.e. for how
 * long after a change profiles compute their statistics in the request. Then waits for the recomputation it
 * queued (when a method is active), so it does not run beside the measurements that follow.
 */
async function changeData(api: Api, pool: Pool, code: string): Promise<number> {
  const newestRun = async () => Number((await pool.query<{ id: number | null }>('SELECT max(id) AS id FROM index_run')).rows[0]!.id ?? 0);
  const { rows } = await pool.query<{ population: number; active: boolean }>(
    `SELECT population, EXISTS (SELECT 1 FROM method_version WHERE active) AS active FROM space WHERE code = $1 AND valid_until IS NULL`,
    [code],
  );
  const runBefore = await newestRun();
  const started = performance.now();
  const patched = await api('PATCH', `/v1/spaces/${code}`, { population: rows[0]!.population });
  if (patched.status !== 200) throw new Error(`PATCH space: ${patched.status} ${JSON.stringify(patched.body)}`);
  await waitFor(() => snapshotReady(pool), 600_000, 'profile snapshot');
  const took = seconds(started);
  if (rows[0]!.active) await waitFor(async () => (await newestRun()) > runBefore, 600_000, 'the recomputation after the change');
  return took;
}

/**
 * A data change as a statistics office makes it most often: one indicator's values again (a new release of
 * it, every value changed) through the API. Measures the profile right after the import succeeded (while its
 * snapshot job may still run) and how long after the import the snapshot of the new data is complete.
 */
async function importOneIndicator(api: Api, pool: Pool, codes: readonly string[], profileUrl: string) {
  const key = keys.at(-1) as string;
  const lines = [`PLR_ID,year,${key}`];
  codes.forEach((code, s) => {
    for (const year of YEARS) lines.push(`${code},${year},${((shareAt(s, keys.length, Number(year)) + 7) % 100).toFixed(1)}`);
  });
  const started = performance.now();
  await importAndWait(api, '/v1/imports/values', {
    fileName: 'one-indicator.csv', format: 'csv', content: Buffer.from(`${lines.join('\n')}\n`).toString('base64'),
    release: { key: 'bench-one-indicator', title: 'Ein Indikator neu' },
    mapping: { layout: 'wide', spaceColumn: 'PLR_ID', periodColumn: 'year', columns: { [key]: key } },
  });
  const importSeconds = seconds(started);
  const imported = performance.now();
  const [plannerToken, viewerToken] = [await userToken('planer'), await userToken('gast')];
  const planner = await timedGet(profileUrl, plannerToken);
  const viewer = await timedGet(profileUrl, viewerToken);
  await waitFor(() => snapshotReady(pool), 600_000, 'profile snapshot after one indicator');
  return { importSeconds, planner, viewer, snapshotSeconds: seconds(imported) };
}

/** Sizes of a map's answer as sent without and with compression (as a browser asks), in KB. */
async function mapSizes(url: string, token: string): Promise<string> {
  const sizes = await Promise.all(['identity', 'gzip', 'br'].map(async (coding) => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': coding } });
    await response.arrayBuffer();
    return `${coding} ${(Number(response.headers.get('content-length')) / 1e3).toFixed(1)}`;
  }));
  return sizes.join(', ');
}

/**
 * Berlin's real size first: its MSS 2021 indicator file (22 indicators, one period, 542 areas) imported through
 * the API, then the profile of one area after a data change: computed in the request (changed straight in the
 * database, no job made its snapshot), right after the change's snapshot job, and under load.
 */
async function berlinRealProfile(api: Api, pool: Pool, url: string, code: string): Promise<void> {
  const header = readFileSync(join(DATA, 'berlin-mss-2021', 'indicators.csv'), 'utf8').split('\n')[0]!.trim().split(',');
  const mss = header.filter((column) => !['PLR_NAME', 'PLR_ID', 'EW'].includes(column));
  await inParallel(mss, 10, async (key) => {
    const created = await api('POST', '/v1/indicators', { key: `mss.${key}`, name: `MSS ${key}`, polarity: 'higher-is-worse', kind: 'share', minValue: -100, maxValue: 200 });
    if (created.status !== 201) throw new Error(`indicator ${key}: ${created.status} ${JSON.stringify(created.body)}`);
  });
  await importAndWait(api, '/v1/imports/values', {
    fileName: 'indicators.csv', format: 'csv', content: readFileSync(join(DATA, 'berlin-mss-2021', 'indicators.csv')).toString('base64'),
    release: { key: 'berlin-mss-2021', title: 'MSS 2021' }, acceptValidRows: true,
    mapping: { layout: 'wide', spaceColumn: 'PLR_ID', period: '2020-12-31', columns: Object.fromEntries(mss.map((k) => [k, `mss.${k}`])) },
  });
  const profileUrl = `${url}/v1/spaces/${code}/profile`;
  const [planner, viewer] = [await userToken('planer'), await userToken('gast')];
  process.stdout.write(`Berlin's real size: 542 planning areas × ${mss.length} MSS indicators × 1 period\n`);
  for (const [who, token] of [['planner', planner], ['viewer', viewer]] as const) {
    await pool.query(`UPDATE space SET population = population WHERE code = $1`, [code]);
    const inRequest = await timedGet(profileUrl, token);
    const snapshot = await changeData(api, pool, code);
    const first = await timedGet(profileUrl, token);
    const bare = await measure('GET /v1/me', `${url}/v1/me`, token);
    const warm = await measure(`profile (Berlin MSS, ${who})`, profileUrl, token);
    process.stdout.write(`space profile, Berlin MSS, ${who}: computed in the request ${inRequest.toFixed(3)} s; snapshot ready ${snapshot.toFixed(2)} s after the change; first profile then ${first.toFixed(3)} s (goal ≤ 0.2 s)\n`);
    report(`space profile, Berlin MSS, ${who}: req/s`, warm.requestsPerSecond, bare.requestsPerSecond, 'req/s', 'GET /v1/me');
    report(`space profile, Berlin MSS, ${who}: p99`, warm.p99Ms, bare.p99Ms, 'ms', 'GET /v1/me');
  }
}

async function main(): Promise<void> {
  const databaseUrl = await benchDatabase('sozialraum_bench_monitoring', ['monitoring']);
  // No statement timeout: the COPY baseline of a million rows may take longer than a request may.
  const pool = createPool({ connectionString: databaseUrl, schema: 'monitoring', max: 2, statementTimeoutMs: 0 });
  let service: StartedProcess | undefined;
  try {
    service = await startBuilt('services/monitoring/dist/index.js', { DATABASE_URL: databaseUrl });
    const url = service.url;
    const api = plannerApi(url);

    await importAndWait(api, '/v1/imports/spaces', {
      fileName: 'planungsraeume_2021_shp.zip', format: 'shapefile', type: 'planning-area', codeProperty: 'PLR_ID', nameProperty: 'PLR_NAME',
      content: readFileSync(join(DATA, 'berlin-mss-2021', 'planungsraeume_2021_shp.zip')).toString('base64'),
    });
    await inParallel(keys, 10, async (key) => {
      const created = await api('POST', '/v1/indicators', { key, name: `Anteil ${key}`, polarity: 'higher-is-worse', kind: 'share', unit: '%' });
      if (created.status !== 201) throw new Error(`indicator ${key}: ${created.status} ${JSON.stringify(created.body)}`);
    });
    // Residents (the shapefile has none): every 100th area below 300, whose values viewers do not get.
    await pool.query(`UPDATE space SET population = CASE WHEN id % 100 = 0 THEN 150 ELSE 2000 + id % 1000 END WHERE type = 'planning-area'`);
    const { rows: spaces } = await pool.query<{ id: number; code: string }>(`SELECT id, code FROM space WHERE type = 'planning-area' ORDER BY code`);
    await berlinRealProfile(api, pool, url, spaces[100]!.code);
    const values = spaces.length * YEARS.length * INDICATORS;
    const csv = syntheticCsv(spaces.map((s) => s.code));
    process.stdout.write(`monitoring benchmark: ${spaces.length} planning areas × ${INDICATORS} indicators × ${YEARS.length} years = ${values} values (CSV ${(csv.length / 1e6).toFixed(1)} MB)\n`);

    const done = await importAndWait(api, '/v1/imports/values', {
      fileName: 'synthetic.csv', format: 'csv', content: csv.toString('base64'),
      release: { key: 'bench-synthetic', title: 'Synthetische Werte' },
      mapping: { layout: 'wide', spaceColumn: 'PLR_ID', periodColumn: 'year', columns: Object.fromEntries(keys.map((k) => [k, k])) },
    });
    if (done.imported !== values) throw new Error(`imported ${done.imported} values, expected ${values}`);
    // Fresh statistics, as autovacuum would take them a little later: plans must not depend on when it runs.
    await pool.query('ANALYZE indicator_value, space');

    const method = {
      key: 'bench', version: '1', spaceType: 'planning-area', minPopulation: 0, dynamicsSource: 'difference', dynamicsPeriodYears: 2,
      statusIndicators: methodKeys.map((indicatorKey) => ({ indicatorKey, weight: 1, polarity: 'higher-is-worse' })),
      dynamicsIndicators: methodKeys.map((indicatorKey) => ({ indicatorKey, weight: 1, polarity: 'higher-is-worse' })),
    };
    const created = await api('POST', '/v1/methods', method);
    if (created.status !== 201) throw new Error(`method: ${created.status} ${JSON.stringify(created.body)}`);
    // The job measures its own parts: indices and classes (what the SQL baseline computes a part of), then alerts.
    const recompute = async () => {
      const started = performance.now();
      const job = await jobDone(api, String((await api('POST', '/v1/methods/bench/1/recompute')).body.id));
      return { indices: (job.result?.durationsMs?.indices ?? Number.NaN) / 1000, endToEnd: seconds(started) };
    };
    const recomputations = [await recompute(), await recompute(), await recompute()];
    const recomputeSeconds = median(recomputations.map((r) => r.indices));
    const endToEndSeconds = median(recomputations.map((r) => r.endToEnd));
    const zSql = () => pool.query(Z_VALUES_SQL, [methodKeys]);
    const sqlSeconds = median([await timed(zSql), await timed(zSql), await timed(zSql)]);
    // Runs for the raw-data role (or for everyone): viewers' runs, computed without the small areas, come on top.
    const { rows: runs } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM index_run r JOIN method_version m ON m.id = r.method_version_id WHERE m.key = 'bench' AND r.audience <> 'disclosed'`,
    );
    report(`full recomputation (20 indicators, ${runs[0]!.n / 3} periods): s`, recomputeSeconds, sqlSeconds, 's', 'one SQL of the z-values');
    report('same, as a job end to end (queue, alerts, polling): s', endToEndSeconds, sqlSeconds, 's', 'one SQL of the z-values');

    // A new token: the import and recomputation may have outlived the first one.
    const reader = await userToken('planer');
    const code = spaces[100]!.code;
    const profileUrl = `${url}/v1/spaces/${code}/profile`;
    const heavy = { timeoutSeconds: 60 };
    process.stdout.write(`load: ${LOAD.connections} connections, ${LOAD.seconds} s each, monitoring service as its own process\n`);
    const bare = await measure('GET /v1/me', `${url}/v1/me`, reader);
    // After a data change the snapshot job stores every space's profile (975,600 values, both audiences); the
    // first profile after it is one indexed read.
    const snapshotSeconds = await changeData(api, pool, code);
    // Tokens live 5 minutes: new ones after the snapshot, and before each measurement that follows.
    const [planner, viewer] = [await userToken('planer'), await userToken('gast')];
    const coldProfile = await timedGet(profileUrl, planner);
    const coldViewerProfile = await timedGet(profileUrl, viewer);
    process.stdout.write(`profile snapshot (${values} values, both audiences) complete ${snapshotSeconds.toFixed(1)} s after a data change; monitoring peak RSS ${peakRssMb(service.child.pid).toFixed(0)} MB\n`);
    process.stdout.write(`space profile (${INDICATORS} indicators × 18 years), first after the change's snapshot: planner ${coldProfile.toFixed(3)} s, viewer ${coldViewerProfile.toFixed(3)} s (goal ≤ 1 s)\n`);
    const oneIndicator = await importOneIndicator(api, pool, spaces.map((s) => s.code), profileUrl);
    process.stdout.write(
      `one indicator's import (${spaces.length * YEARS.length} values of ${keys.at(-1)}): took ${oneIndicator.importSeconds.toFixed(1)} s; ` +
        `profile right after it: planner ${oneIndicator.planner.toFixed(3)} s, viewer ${oneIndicator.viewer.toFixed(3)} s (goal ≤ 1 s); ` +
        `snapshot complete ${oneIndicator.snapshotSeconds.toFixed(1)} s after the import\n`,
    );
    const profile = await measure('profile', profileUrl, planner, heavy);
    const viewerProfile = await measure('profile, viewer', profileUrl, viewer, heavy);
    // The map as the web app loads it: the simplified outlines once per type (kept by the browser), the classes
    // and values by code with every change of view.
    const classesUrl = `${url}/v1/map/classes?type=planning-area&period=2022&method=${encodeURIComponent('bench@1')}&indicators=${methodKeys.slice(0, 3).join('%2C')}`;
    const outlinesUrl = `${url}/v1/map/outlines?type=planning-area`;
    const sizesToken = await userToken('planer');
    process.stdout.write(`map sizes (KB): classes ${await mapSizes(classesUrl, sizesToken)}; outlines ${await mapSizes(outlinesUrl, sizesToken)}; detailed outlines ${await mapSizes(`${outlinesUrl}&simplify=false`, sizesToken)}\n`);
    const figures = [
      [`space profile (${INDICATORS} indicators × 18 years)`, profile],
      ['space profile, viewer (confidentiality applied)', viewerProfile],
    ] as const;
    for (const [name, result] of figures) {
      report(`${name}: req/s`, result.requestsPerSecond, bare.requestsPerSecond, 'req/s', 'GET /v1/me');
      report(`${name}: p99`, result.p99Ms, bare.p99Ms, 'ms', 'GET /v1/me');
    }
    // The maps next to /v1/me in interleaved rounds (harness.ts `compare`), with CPU per request.
    process.stdout.write(`maps: ${LOAD.connections} connections, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s each\n`);
    // A browser that has the outlines asks again with their ETag once its Cache-Control's ten minutes are over: 304, no body.
    const kept = await fetch(outlinesUrl, { headers: { authorization: `Bearer ${sizesToken}` } });
    await kept.arrayBuffer();
    const etag = kept.headers.get('etag') as string;
    const maps = [
      ['map with classes: the classes, outlines held (goal ≥ 0.5×)', classesUrl, 'planer', {}],
      ['map with classes, viewer (confidentiality applied)', classesUrl, 'gast', {}],
      ['outlines, first load (542 simplified areas)', outlinesUrl, 'planer', {}],
      ['outlines, revalidated (If-None-Match: 304)', outlinesUrl, 'planer', { 'if-none-match': etag }],
    ] as const;
    for (const [name, targetUrl, user, targetHeaders] of maps) {
      const comparison = await compare({ name, baselineUrl: `${url}/v1/me`, targetUrl, token: () => userToken(user), pid: service.child.pid, targetHeaders });
      reportComparison(name, comparison, 'GET /v1/me');
    }
  } finally {
    if (service) await stop([service]);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
