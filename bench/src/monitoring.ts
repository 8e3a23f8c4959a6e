/**
 * The monitoring service at scale (issue 3 point 11), on Berlin's 542 real planning areas (imported from the
 * shapefile through the API) with synthetic values for 100 indicators over 18 years (975,600 values):
 * - a full recomputation of a method version (10 status and 10 dynamics indicators, every period) against
 *   one hand-written SQL query computing the same z-values;
 * - the space profile and the 542-area GeoJSON map with classes under load, next to GET /v1/me, for a planner
 *   (raw values) and for a viewer (confidentiality applied: 1 % of the areas are below 300 residents, so their
 *   values are withheld and the index results viewers get are computed without them).
 * The values come in through the API as data setup; the import's speed is measured by value-import.ts.
 * Run: npm run bench -- monitoring
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { call, type StartedProcess, userToken, waitFor } from '@sozialraum/kit/testing';
import { LOAD, measure, report } from './harness';
import { benchDatabase, inParallel, startBuilt, stop } from './platform';

const INDICATORS = Number(process.env.BENCH_INDICATORS ?? 100);
const YEARS = Array.from({ length: 18 }, (_, i) => String(2005 + i));
const METHOD_INDICATORS = 10;
const DATA = join(__dirname, '..', '..', '..', 'shared', 'data');

const keys = Array.from({ length: INDICATORS }, (_, i) => `bench.i${String(i + 1).padStart(3, '0')}`);
const methodKeys = keys.slice(0, METHOD_INDICATORS);
const seconds = (since: number) => (performance.now() - since) / 1000;

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

/**
 * Berlin's real size first: its MSS 2021 indicator file (22 indicators, one period, 542 areas) imported through
 * the API, then the profile of one area, first right after the data changed (peer statistics computed) and then
 * under load (kept per data version), for a planner and a viewer.
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
    // A statement that changes a space raises the data version: the next profile computes its statistics afresh.
    await pool.query(`UPDATE space SET population = population WHERE code = $1`, [code]);
    const cold = await timedGet(profileUrl, token);
    const bare = await measure('GET /v1/me', `${url}/v1/me`, token);
    const warm = await measure(`profile (Berlin MSS, ${who})`, profileUrl, token);
    process.stdout.write(`space profile, Berlin MSS, ${who}, first after a data change: ${cold.toFixed(3)} s\n`);
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
    const planner = await userToken('planer');
    const url = service.url;
    const api: Api = (method, path, body) => call(`${url}${path}`, { token: planner, method, body });

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
    // The first profile after a data change reads every value of its type (975,600 here) to compute the peer
    // statistics; later ones use them (kept per data version), so profiles take the same load as the rest.
    const heavy = { timeoutSeconds: 60 };
    process.stdout.write(`load: ${LOAD.connections} connections, ${LOAD.seconds} s each, monitoring service as its own process\n`);
    const bare = await measure('GET /v1/me', `${url}/v1/me`, reader);
    await pool.query(`UPDATE space SET population = population WHERE code = $1`, [spaces[100]!.code]);
    const coldProfile = await timedGet(`${url}/v1/spaces/${spaces[100]!.code}/profile`, reader);
    process.stdout.write(`space profile (100 indicators × 18 years), planner, first after a data change: ${coldProfile.toFixed(2)} s\n`);
    const profile = await measure('profile', `${url}/v1/spaces/${spaces[100]!.code}/profile`, reader, heavy);
    const mapQuery = `type=planning-area&period=2022&method=${encodeURIComponent('bench@1')}&indicators=${methodKeys.slice(0, 3).join('%2C')}`;
    const map = await measure('map', `${url}/v1/map?${mapQuery}`, reader);
    const simplified = await measure('map, simplified', `${url}/v1/map?${mapQuery}&simplify=true`, reader);
    const viewer = await userToken('gast');
    const viewerProfile = await measure('profile, viewer', `${url}/v1/spaces/${spaces[100]!.code}/profile`, viewer, heavy);
    const viewerMap = await measure('map, simplified, viewer', `${url}/v1/map?${mapQuery}&simplify=true`, viewer);
    const figures = [
      ['space profile (100 indicators × 18 years)', profile],
      ['GeoJSON map, 542 areas with classes', map],
      ['same map, simplified geometry', simplified],
      ['space profile, viewer (confidentiality applied)', viewerProfile],
      ['simplified map, viewer (confidentiality applied)', viewerMap],
    ] as const;
    for (const [name, result] of figures) {
      report(`${name}: req/s`, result.requestsPerSecond, bare.requestsPerSecond, 'req/s', 'GET /v1/me');
      report(`${name}: p99`, result.p99Ms, bare.p99Ms, 'ms', 'GET /v1/me');
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
