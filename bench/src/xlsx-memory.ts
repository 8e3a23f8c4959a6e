/**
 * Peak RSS of the import job's parser on one workbook of the value import's table, without a database:
 * `stream` (parseIndicatorStream, as the job reads an XLSX now) or `whole` (parseIndicatorFile, as it did
 * before). One process per run, so VmHWM is that parser's; the workbook is written by a child process first
 * (exceljs's streaming writer; `years` × 1,000 areas × 100 indicators, default 10: 1M values).
 * Run (after a build): node bench/dist/xlsx-memory.js stream|whole [years]
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

type Mapping = { layout: 'wide'; spaceColumn: string; periodColumn: string; columns: Record<string, string> };
interface Parsers {
  parseIndicatorStream(chunks: () => AsyncIterable<Buffer>, format: 'xlsx', mapping: Mapping): AsyncIterable<{ rows: unknown[] }>;
  parseIndicatorFile(bytes: Buffer, format: 'xlsx', mapping: Mapping): Promise<{ rows: unknown[] }>;
}

const imports = join(process.env.BENCH_ROOT ?? join(__dirname, '..', '..'), 'services', 'monitoring', 'dist', 'domain', 'imports');
const keys = Array.from({ length: 100 }, (_, i) => `bench.v${String(i + 1).padStart(3, '0')}`);
const mapping: Mapping = { layout: 'wide', spaceColumn: 'Raum', periodColumn: 'Jahr', columns: Object.fromEntries(keys.map((k) => [k, k])) };
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

async function writeWorkbook(file: string, years: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Werte');
  sheet.addRow(['Raum', 'Jahr', ...keys]).commit();
  for (let s = 0; s < 1000; s++) {
    for (let y = 0; y < years; y++) sheet.addRow([`B${String(s + 1).padStart(5, '0')}`, 1900 + y, ...keys.map((_, i) => ((s * 7 + i * 13 + y) % 10_000) / 10)]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function main(): Promise<void> {
  if (process.argv[2] === 'write') return writeWorkbook(process.argv[3] ?? '', Number(process.argv[4]));
  const mode = process.argv[2] === 'whole' ? 'whole' : 'stream';
  const years = Number(process.argv[3] ?? 10);
  const directory = await mkdtemp(join(tmpdir(), 'bench-xlsx-'));
  try {
    const file = join(directory, 'werte.xlsx');
    execFileSync(process.execPath, [__filename, 'write', file, String(years)], { stdio: 'inherit' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parsers = { ...(require(join(imports, 'stream')) as Parsers), ...(require(join(imports, 'parse')) as Parsers) };
    const before = peakMb();
    const started = performance.now();
    let values = 0;
    if (mode === 'whole') values = (await parsers.parseIndicatorFile(readFileSync(file), 'xlsx', mapping)).rows.length;
    else for await (const batch of parsers.parseIndicatorStream(() => createReadStream(file, { highWaterMark: 1024 * 1024 }), 'xlsx', mapping)) values += batch.rows.length;
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`xlsx ${mode}: ${values} values from ${(statSync(file).size / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s; peak RSS ${peakMb().toFixed(0)} MB (${before.toFixed(0)} MB before)\n`);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
