/**
 * The value import through the API (issue 12): a wide CSV uploaded as a form (`multipart/form-data`, as the web
 * app sends it), imported as a BullMQ job (streamed: parsed as read, checked, written with COPY in one
 * transaction) until its status says `succeeded` — next to a plain PostgreSQL COPY of the same rows into the
 * same table, measured in the same run, at each size of BENCH_IMPORT_SIZES (values; default 1M and 10M).
 * Each size gets a fresh monitoring service (which runs the import jobs itself), so its peak RSS (VmHWM) is
 * that import's. Synthetic spaces (1,000) and indicators (100) are seeded with SQL; years make up the size.
 * The upload limit is raised for the run (BENCH_UPLOAD_LIMIT, default 2gb).
 * BENCH_IMPORT_FORMAT=xlsx uploads the same table as a workbook (one sheet, numbers as numbers), written with
 * exceljs's streaming writer, to measure the XLSX import's memory.
 * Run: npm run bench -- import   (BENCH_IMPORT_SIZES=1000000 for the 1M run only)
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { type StartedProcess, userToken } from '@sozialraum/kit/testing';
import { from as copyFrom } from 'pg-copy-streams';
import { cpuSampler } from './cpu';
import { report } from './harness';
import { benchDatabase, peakRssMb, startBuilt, stop } from './platform';

const SIZES = (process.env.BENCH_IMPORT_SIZES ?? '1000000,10000000').split(',').map(Number);
const UPLOAD_LIMIT = process.env.BENCH_UPLOAD_LIMIT ?? '2gb';
const FORMAT = process.env.BENCH_IMPORT_FORMAT === 'xlsx' ? 'xlsx' : 'csv';
/** Two runs at once need databases (and REDIS_PREFIXes) of their own. */
const DATABASE = process.env.BENCH_IMPORT_DATABASE ?? 'sozialraum_bench_import';
const SPACES = 1_000;
const INDICATORS = 100;
const keys = Array.from({ length: INDICATORS }, (_, i) => `bench.v${String(i + 1).padStart(3, '0')}`);
const codes = Array.from({ length: SPACES }, (_, i) => `B${String(i + 1).padStart(5, '0')}`);
const seconds = (since: number) => (performance.now() - since) / 1000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

/** A deterministic value with one decimal in [0, 1000): the same file on every run. */
function valueAt(space: number, indicator: number, year: number): number {
  let x = (space * 73_856_093) ^ (indicator * 19_349_663) ^ (year * 83_492_791);
  x = Math.imul(x ^ (x >>> 13), 0x5bd1e995);
  return (((x ^ (x >>> 15)) >>> 0) % 10_000) / 10;
}

const yearsFor = (values: number) => Array.from({ length: Math.ceil(values / (SPACES * INDICATORS)) }, (_, i) => 1900 + i);

/** Line by line, so neither side ever holds the whole table: one chunk per space. */
function* csvChunks(years: number[]): Generator<string> {
  yield `Raum,Jahr,${keys.join(',')}\n`;
  for (let s = 0; s < SPACES; s++) {
    yield years.map((year) => `${codes[s]},${year},${keys.map((_, i) => valueAt(s, i, year)).join(',')}\n`).join('');
  }
}

/** The same table as a workbook, row by row (exceljs's streaming writer holds a row, not the sheet). */
async function writeXlsx(years: number[], file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Werte');
  sheet.addRow(['Raum', 'Jahr', ...keys]).commit();
  for (let s = 0; s < SPACES; s++) {
    for (const year of years) sheet.addRow([codes[s], year, ...keys.map((_, i) => valueAt(s, i, year))]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

function* copyChunks(years: number[], spaceIds: number[], releaseId: number, importId: string): Generator<string> {
  for (let s = 0; s < SPACES; s++) {
    const rows: string[] = [];
    for (const year of years) keys.forEach((key, i) => rows.push(`${spaceIds[s]}\t${key}\t${year}\t${releaseId}\t${valueAt(s, i, year)}\t\\N\t\\N\t${importId}\n`));
    yield rows.join('');
  }
}

async function seed(pool: Pool): Promise<number[]> {
  await pool.query(`INSERT INTO space (code, name, type, population) SELECT c, 'Raum ' || c, 'planning-area', 5000 FROM unnest($1::text[]) c`, [codes]);
  await pool.query(`INSERT INTO indicator (key, name, kind, polarity) SELECT k, 'Wert ' || k, 'mean', 'neutral' FROM unnest($1::text[]) k`, [keys]);
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM space WHERE code = ANY ($1) ORDER BY code`, [codes]);
  return rows.map((r) => Number(r.id));
}

interface Measured {
  seconds: number;
  /** CPU seconds of the process that sent the rows (this benchmark, or the service) and of PostgreSQL. */
  cpu: { process: number; postgres: number };
}

/** The same rows COPY'd into the same empty table (emptied again afterwards). */
async function copyBaseline(pool: Pool, years: number[], spaceIds: number[]): Promise<Measured> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`INSERT INTO data_release (key, title) VALUES ('bench-copy', 'COPY') RETURNING id`);
    const releaseId = Number(rows[0]!.id);
    const cpu = cpuSampler(process.pid, { database: DATABASE });
    const started = performance.now();
    await pipeline(
      Readable.from(copyChunks(years, spaceIds, releaseId, randomUUID())),
      client.query(copyFrom('COPY indicator_value (space_id, indicator_key, period, release_id, value, numerator, denominator, import_id) FROM STDIN')),
    );
    return { seconds: seconds(started), cpu: cpu.stop() };
  } finally {
    client.release();
  }
}

async function emptyValues(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE indicator_value');
  await pool.query(`DELETE FROM data_release`);
  await pool.query('VACUUM ANALYZE indicator_value');
}

/** Uploads the file as a form and waits for the import's end: from the request to `succeeded`. */
async function importThroughApi(service: StartedProcess, file: string, values: number): Promise<Measured> {
  const { url } = service;
  const token = await userToken('planer');
  const form = new FormData();
  form.append('file', await openAsBlob(file), `werte.${FORMAT}`);
  form.append('release', JSON.stringify({ key: 'bench-import', title: 'Synthetische Werte' }));
  form.append('mapping', JSON.stringify({ layout: 'wide', spaceColumn: 'Raum', periodColumn: 'Jahr', columns: Object.fromEntries(keys.map((k) => [k, k])) }));
  const cpu = cpuSampler(service.child.pid ?? 0, { database: DATABASE });
  const started = performance.now();
  const accepted = await fetch(`${url}/v1/imports/values`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await accepted.json()) as { id: string };
  if (accepted.status !== 202) throw new Error(`import: ${accepted.status} ${JSON.stringify(body)}`);
  // A 10M-value import outlasts an access token: the polling takes a fresh one every minute.
  let reader = { token, at: performance.now() };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (performance.now() - reader.at > 60_000) reader = { token: await userToken('planer'), at: performance.now() };
    const answer = await fetch(`${url}/v1/imports/${body.id}`, { headers: { authorization: `Bearer ${reader.token}` } });
    const record = (await answer.json()) as { status: string; imported: number; error: unknown; report: unknown };
    if (answer.status !== 200) throw new Error(`GET /v1/imports/${body.id}: ${answer.status} ${JSON.stringify(record)}`);
    if (record.status === 'succeeded') {
      if (record.imported !== values) throw new Error(`imported ${record.imported} values, expected ${values}`);
      return { seconds: seconds(started), cpu: cpu.stop() };
    }
    if (record.status === 'rejected' || record.status === 'failed') throw new Error(`import ${record.status}: ${JSON.stringify(record.error ?? record.report)}`);
  }
}

async function main(): Promise<void> {
  const databaseUrl = await benchDatabase(DATABASE, ['monitoring']);
  // No statement timeout: the COPY baseline of ten million rows takes longer than a request may.
  const pool = createPool({ connectionString: databaseUrl, schema: 'monitoring', max: 2, statementTimeoutMs: 0 });
  const directory = await mkdtemp(join(tmpdir(), 'bench-import-'));
  let service: StartedProcess | undefined;
  try {
    const spaceIds = await seed(pool);
    for (const size of SIZES) {
      const years = yearsFor(size);
      const values = SPACES * INDICATORS * years.length;
      const file = join(directory, `werte-${values}.${FORMAT}`);
      if (FORMAT === 'xlsx') await writeXlsx(years, file);
      else await pipeline(Readable.from(csvChunks(years)), createWriteStream(file));
      const megabytes = (await stat(file)).size / 1e6;
      process.stdout.write(`value import: ${SPACES} areas × ${INDICATORS} indicators × ${years.length} years = ${values} values (${FORMAT.toUpperCase()} ${megabytes.toFixed(1)} MB); load ${load()}\n`);

      await emptyValues(pool);
      const copy = await copyBaseline(pool, years, spaceIds);
      await emptyValues(pool);
      service = await startBuilt('services/monitoring/dist/index.js', { DATABASE_URL: databaseUrl, UPLOAD_LIMIT });
      const before = peakRssMb(service.child.pid);
      const imported = await importThroughApi(service, file, values);
      const peak = peakRssMb(service.child.pid);
      await stop([service]);
      service = undefined;
      report(`value import via API (${values} values${FORMAT === 'xlsx' ? ', XLSX' : ''}): values/s`, values / imported.seconds, values / copy.seconds, 'val/s', 'plain COPY');
      const cpuOf = ({ cpu }: Measured, sender: string) => `${(cpu.process + cpu.postgres).toFixed(1)} s (${sender} ${cpu.process.toFixed(1)}, PostgreSQL ${cpu.postgres.toFixed(1)})`;
      process.stdout.write(
        `  import ${imported.seconds.toFixed(1)} s, COPY ${copy.seconds.toFixed(1)} s; CPU: import ${cpuOf(imported, 'service')}, COPY ${cpuOf(copy, 'benchmark')}, ratio by CPU ${((copy.cpu.process + copy.cpu.postgres) / (imported.cpu.process + imported.cpu.postgres)).toFixed(2)}\n` +
          `  monitoring service (API and job in one process) peak RSS ${peak.toFixed(0)} MB (${before.toFixed(0)} MB after start); load ${load()}\n`,
      );
      await rm(file);
    }
  } finally {
    if (service) await stop([service]);
    await pool.end();
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
