import { call, userToken, waitFor } from '@sozialraum/kit/testing';
import { requestExportJob } from '../src/use-cases/export-jobs';
import { base64, ensureIndicators, ensureSpaces, importAndWait, type MonitoringService, runId, startMonitoring } from './helpers/monitoring';

/**
 * Exports of large selections run as a job instead of in the request: the request is refused above the limit
 * and names the way, the job produces the same file as a direct export, and only for the person who asked.
 */
jest.setTimeout(60_000);

const run = runId();
const SPACES = ['TST-EXJ-01', 'TST-EXJ-02', 'TST-EXJ-03'];
const INDICATOR = `test.exj.${run}`;
let limited: MonitoringService;
let unlimited: MonitoringService;
let planer: string;

beforeAll(async () => {
  limited = await startMonitoring({ RUN_JOBS: 'true', EXPORT_DIRECT_MAX_VALUES: '5' });
  unlimited = await startMonitoring();
  planer = await userToken('planer');
  await ensureSpaces(limited.deps.pool, 'statistical-area', SPACES);
  await ensureIndicators(limited.deps.pool, [{ key: INDICATOR, kind: 'count' }]);
  const rows = SPACES.flatMap((space, i) => ['2022', '2023', '2024'].map((period, j) => `${space};${period};${INDICATOR};${100 + 10 * i + j}`));
  const imported = await importAndWait(limited.url, planer, {
    fileName: 'werte.csv',
    format: 'csv',
    content: base64(Buffer.from(['space;period;indicator;value', ...rows].join('\n'))),
    release: { key: `test-exj-${run}`, title: 'Exporttest' },
    mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'period', indicatorColumn: 'indicator', valueColumn: 'value' },
  });
  expect(imported).toMatchObject({ status: 'succeeded', imported: 9 });
});
afterAll(async () => {
  await limited?.close();
  await unlimited?.close();
});

const selection = `format=csv&indicators=${INDICATOR}&type=statistical-area`;

test('when a selection holds more values than are exported within a request, then 422 names the count and the way to ask for it as a job', async () => {
  const refused = await call(`${limited.url}/v1/exports/values?${selection}`, { token: planer });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ values: 9, limit: 5 });
  expect(refused.body.detail).toMatch(/POST \/v1\/exports/);
  const narrow = await call(`${limited.url}/v1/exports/values?${selection}&spaces=TST-EXJ-02`, { token: planer });
  expect(narrow.status).toBe(200);
});

test('when the planner asks for it as a job, then the job delivers the same file as a direct export, to them alone', async () => {
  const requested = await call(`${limited.url}/v1/exports`, { token: planer, method: 'POST', body: { format: 'csv', indicators: INDICATOR, type: 'statistical-area' } });
  expect(requested.status).toBe(202);
  expect(requested.headers.get('location')).toBe(`/v1/exports/${requested.body.id}`);
  let job = requested.body;
  await waitFor(async () => {
    job = (await call(`${limited.url}/v1/exports/${requested.body.id}`, { token: planer })).body;
    return job.status === 'succeeded' || job.status === 'failed';
  }, 20_000, 'the export job');
  expect(job).toMatchObject({ status: 'succeeded', format: 'csv', error: null });
  const file = await call(`${limited.url}/v1/exports/${job.id}/file`, { token: planer });
  expect(file.status).toBe(200);
  expect(file.headers.get('content-disposition')).toMatch(/values\.csv/);
  const direct = await call(`${unlimited.url}/v1/exports/values?${selection}`, { token: planer });
  expect(file.body).toEqual(direct.body);
  expect(String(file.body).trim().split('\r\n')).toHaveLength(1 + 9);

  const other = await userToken('soziales');
  expect((await call(`${limited.url}/v1/exports/${job.id}`, { token: other })).status).toBe(404);
  expect((await call(`${limited.url}/v1/exports/${job.id}/file`, { token: other })).status).toBe(404);
});

test('when the job cannot be done as asked (an unknown indicator), then it fails with the reason and has no file', async () => {
  const requested = await call(`${limited.url}/v1/exports`, { token: planer, method: 'POST', body: { format: 'csv', indicators: `test.exj.none-${run}` } });
  expect(requested.status).toBe(202);
  let job = requested.body;
  await waitFor(async () => {
    job = (await call(`${limited.url}/v1/exports/${requested.body.id}`, { token: planer })).body;
    return job.status === 'failed' || job.status === 'succeeded';
  }, 20_000, 'the export job');
  expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/Unknown indicators/) });
  expect((await call(`${limited.url}/v1/exports/${job.id}/file`, { token: planer })).status).toBe(409);
});

test('when a stored selection no longer fits ExportRequest (changed by hand), then the job fails for good naming the field, and its view still answers', async () => {
  const me = (await call(`${limited.url}/v1/me`, { token: planer })).body;
  // As an older version or a hand-made UPDATE might have left it: a list where the document wants text.
  const stored = await requestExportJob(limited.deps.pool, limited.deps.jobs, me, { format: 'csv', indicators: [INDICATOR] } as never);
  let job = { status: 'queued', error: null as string | null };
  await waitFor(async () => {
    job = (await call(`${limited.url}/v1/exports/${stored.id}`, { token: planer })).body;
    return job.status === 'failed' || job.status === 'succeeded';
  }, 20_000, 'the export job');
  expect(job).toMatchObject({ status: 'failed', format: 'csv', error: 'the stored selection.indicators must be string' });
});
