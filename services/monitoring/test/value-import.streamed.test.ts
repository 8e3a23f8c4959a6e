import ExcelJS from 'exceljs';
import { call, userToken } from '@sozialraum/kit/testing';
import { ensureIndicators, ensureSpaces, type MonitoringService, releaseValues, runId, startMonitoring, waitForImport } from './helpers/monitoring';

// Large CSV files come as form uploads, are spooled to disk and read by the job as a stream. The limits are
// small here (in-memory 256 KB, upload 8 MB), so a few MB are "large": more than memory may take whole.
jest.setTimeout(180_000);

let service: MonitoringService;
let planer: string;
const run = runId();
const SPACES = Array.from({ length: 50 }, (_, i) => `TST-ST-${String(i + 1).padStart(2, '0')}`);
const INDICATORS = Array.from({ length: 20 }, (_, i) => `test.st.i${String(i + 1).padStart(2, '0')}`);
const YEARS = Array.from({ length: 60 }, (_, i) => String(1970 + i));
const VALUES = SPACES.length * INDICATORS.length * YEARS.length; // 60,000

/** A wide CSV: one line per space and year, one column per indicator; `cell` may change any value's text. */
function wideCsv(cell: (line: number, value: string) => string = (_, v) => v): Buffer {
  const lines = [`Raum,Jahr,${INDICATORS.join(',')}`];
  for (const space of SPACES) {
    for (const year of YEARS) {
      const line = lines.length + 1;
      lines.push(`${space},${year},${INDICATORS.map((_, i) => cell(line, `${(line * 7 + i * 13) % 1000}.5`)).join(',')}`);
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const mapping = { layout: 'wide', spaceColumn: 'Raum', periodColumn: 'Jahr', columns: Object.fromEntries(INDICATORS.map((k) => [k, k])) };

function form(file: Buffer, fileName: string, release: string, extra: Record<string, unknown> = {}): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(file)]), fileName);
  body.append('release', JSON.stringify({ key: release, title: `Test ${release}` }));
  body.append('mapping', JSON.stringify({ ...mapping, ...extra }));
  return body;
}
const submit = (body: FormData, headers: Record<string, string> = {}) => call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body, headers });

async function importForm(body: FormData) {
  const accepted = await submit(body);
  expect(accepted.status).toBe(202);
  return waitForImport(service.url, planer, accepted.body.id, undefined, 150_000);
}

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true', UPLOAD_LIMIT: '8mb', UPLOAD_IN_MEMORY_LIMIT: '256kb' });
  planer = await userToken('planer');
  await ensureSpaces(service.deps.pool, 'statistical-area', SPACES);
  await ensureIndicators(service.deps.pool, INDICATORS.map((key) => ({ key, kind: 'mean' as const })));
});
afterAll(() => service.close());

test('when a CSV larger than memory may hold whole is uploaded as a form, then every value is stored', async () => {
  const file = wideCsv();
  expect(file.length).toBeGreaterThan(256 * 1024); // UPLOAD_IN_MEMORY_LIMIT
  const release = `test-stream-${run}`;
  const done = await importForm(form(file, 'werte.csv', release));
  expect(done).toMatchObject({ status: 'succeeded', imported: VALUES, rejected: 0, progress: { done: 3_000, total: 3_000 } });
  const values = await releaseValues(service.deps.pool, release);
  expect(values.size).toBe(VALUES);
  // Line 2 is the first data line: the first space in the first year.
  expect(values.get(`${SPACES[0]}|${INDICATORS[1]}|1970`)).toBe(27.5);
});

test('when a bad row stands in the middle of the file, then nothing is stored and the report names it', async () => {
  const release = `test-stream-bad-${run}`;
  const file = wideCsv((line, value) => (line === 1_500 ? 'viel' : value));
  const done = await importForm(form(file, 'werte.csv', release));
  expect(done).toMatchObject({ status: 'rejected', imported: 0, rejected: INDICATORS.length, progress: { done: 3_000, total: 3_000 } });
  expect(done.report.rejected[0]).toEqual({ line: 1_500, column: INDICATORS[0], reason: 'not a number: "viel"' });
  expect((await releaseValues(service.deps.pool, release)).size).toBe(0);
  const releases = await call(`${service.url}/v1/releases`, { token: planer });
  expect(releases.body.items.map((r: { key: string }) => r.key)).not.toContain(release);
});

test('when the same upload is sent twice with one Idempotency-Key, then it is imported once', async () => {
  const release = `test-stream-twice-${run}`;
  const key = `stream-${run}`;
  const file = wideCsv();
  const [first, second] = await Promise.all([submit(form(file, 'werte.csv', release), { 'idempotency-key': key }), submit(form(file, 'werte.csv', release), { 'idempotency-key': key })]);
  expect([first.status, second.status]).toEqual([202, 202]);
  expect(second.body.id).toBe(first.body.id);
  const done = await waitForImport(service.url, planer, first.body.id, undefined, 150_000);
  expect(done).toMatchObject({ status: 'succeeded', imported: VALUES });
  const { rows } = await service.deps.pool.query(`SELECT count(*)::int AS n FROM import WHERE idempotency_key = $1`, [key]);
  expect(rows[0].n).toBe(1);
  // Another file under the same key is another request: refused, not imported.
  const other = await submit(form(wideCsv((_, v) => `${v}1`), 'werte.csv', release), { 'idempotency-key': key });
  expect(other.status).toBe(422);
});

test('when a decimal comma first shows up deep in the file, then the whole file is read as German numbers', async () => {
  const release = `test-stream-comma-${run}`;
  // "12.345" is 12345 in a German file; the one "0,5" (quoted in a "," file) on line 2,900 says the file is German.
  const file = wideCsv((line, value) => (line === 2_900 ? '"0,5"' : line === 2 ? '12.345' : value.replace('.5', '')));
  const done = await importForm(form(file, 'werte.csv', release));
  expect(done).toMatchObject({ status: 'succeeded', imported: VALUES });
  const values = await releaseValues(service.deps.pool, release);
  expect(values.get(`${SPACES[0]}|${INDICATORS[0]}|1970`)).toBe(12_345);
  expect(values.size).toBe(VALUES);
});

test('when a Windows-1252 character first shows up deep in the file, then the file is read as Windows-1252', async () => {
  const release = `test-stream-1252-${run}`;
  const lines = wideCsv().toString('latin1').split('\n');
  // Line 2,951: its last value becomes "–" (nothing, exactly 0), the en dash as Windows-1252 writes it (0x96).
  const cells = lines[2_950]!.split(',');
  lines[2_950] = [...cells.slice(0, -1), '\u0096'].join(',');
  const done = await importForm(form(Buffer.from(lines.join('\n'), 'latin1'), 'werte.csv', release));
  expect(done).toMatchObject({ status: 'succeeded', imported: VALUES });
  expect(done.report.notes).toEqual([expect.objectContaining({ line: 2_951, symbol: '–', reason: 'nothing', value: 0 })]);
  const values = await releaseValues(service.deps.pool, release);
  expect(values.get(`${cells[0]}|${INDICATORS.at(-1)}|${cells[1]}`)).toBe(0);
});

test('when an XLSX larger than memory may hold whole is uploaded, then it is read as a stream and every value is stored', async () => {
  // The same table as the CSV, in a workbook (with a title above the header): far larger packed than UPLOAD_IN_MEMORY_LIMIT.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Werte');
  const csv = wideCsv().toString().trim().split('\n');
  sheet.addRow(['Werte je Raum und Jahr']);
  sheet.addRows(csv.map((line, i) => line.split(',').map((cell, col) => (i > 0 && col > 0 ? Number(cell) : cell))));
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  expect(file.length).toBeGreaterThan(256 * 1024);
  const release = `test-stream-xlsx-${run}`;
  const done = await importForm(form(file, 'werte.xlsx', release));
  expect(done).toMatchObject({ status: 'succeeded', imported: VALUES, rejected: 0, format: 'xlsx' });
  const values = await releaseValues(service.deps.pool, release);
  expect(values.size).toBe(VALUES);
  const [space, year, ...cells] = csv[1]!.split(',');
  expect(values.get(`${space}|${INDICATORS[0]}|${year}`)).toBe(Number(cells[0]));
});
