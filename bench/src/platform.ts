import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';

/** The tree whose built services are measured: this one, or an older build (BENCH_ROOT, scripts/bench-before.sh). */
const root = process.env.BENCH_ROOT ?? join(__dirname, '..', '..');

/** A database of the benchmark's own, migrated like a rollout would (the stack's env must be set). */
export async function benchDatabase(name: string, services: string[]): Promise<string> {
  const url = await createTestDatabase(name);
  for (const service of services) {
    execFileSync(process.execPath, [join(root, 'services', service, 'dist', 'migrate.js')], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' } });
  }
  return url;
}

const started = new Set<StartedProcess>();
const killAll = (signal: NodeJS.Signals) => {
  for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
};
// Whatever ends the benchmark — an error, process.exit, Ctrl-C, a kill — ends the processes it started
// (SIGKILL of the benchmark itself is covered by startProcess: they die with their parent).
process.on('exit', () => killAll('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    process.stderr.write(`benchmark: ${signal}, stopping the processes it started\n`);
    killAll('SIGTERM');
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/** Starts a built service (or the worker) as its own process, as in production, and waits until it is ready. */
export async function startBuilt(entry: string, env: Record<string, string>, portVariable = 'PORT'): Promise<StartedProcess> {
  const service = await startProcess(join(root, entry), { LOG_LEVEL: 'warn', ...env }, portVariable);
  started.add(service);
  void service.exited.then(() => started.delete(service));
  await waitUntilOk(`${service.url}/health/ready`, 120_000);
  return service;
}

export async function stop(processes: StartedProcess[]): Promise<void> {
  for (const p of processes) {
    if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await p.exited;
  }
}

/** Runs `work` over the items with at most `concurrency` at a time. */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

/** The highest resident memory a process has had (Linux: VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
}
