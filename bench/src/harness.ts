import { cpuSampler } from './cpu';
import autocannon from 'autocannon';

/** The p-th percentile (0–100) of a sample, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Answers received in all. */
  requests: number;
  /** Answers by HTTP status, to say what the non-2xx ones were. */
  statusCodes: Record<string, number>;
}

/** HTTP load from this process with autocannon: bounded in time, loopback only. */
export async function load(options: { url: string; token?: string; connections?: number; seconds?: number; timeoutSeconds?: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 20,
    duration: options.seconds ?? 10,
    timeout: options.timeoutSeconds ?? 10,
    headers: { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count])),
  };
}

/** Load settings of a benchmark run: BENCH_CONNECTIONS (20) and BENCH_SECONDS (10). */
export const LOAD = { connections: Number(process.env.BENCH_CONNECTIONS ?? 20), seconds: Number(process.env.BENCH_SECONDS ?? 10) };
/** Interleaved comparisons: BENCH_ROUNDS (9) rounds of BENCH_ROUND_SECONDS (3) per run: short runs, many rounds. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
export const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 3);

/**
 * A warm-up of 2 s (JIT, pool, plan cache), then the measured run; any non-2xx answer or error fails the
 * benchmark, naming the statuses, since a figure over failed requests would mean nothing.
 */
export async function measure(
  name: string,
  url: string,
  token: string,
  options: { connections?: number; seconds?: number; timeoutSeconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const settings = { url, token, connections: options.connections ?? LOAD.connections, timeoutSeconds: options.timeoutSeconds ?? 10, headers: options.headers };
  await load({ ...settings, seconds: 2 });
  const result = await load({ ...settings, seconds: options.seconds ?? LOAD.seconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodes)}), ${result.errors} errors`);
  }
  return result;
}

/** One line a figure: the measured value, the baseline of the same run, and their ratio. */
export function report(name: string, value: number, baseline: number, unit: string, baselineName: string): void {
  const ratio = value / baseline;
  process.stdout.write(
    `${name.padEnd(52)} ${value.toFixed(1).padStart(9)} ${unit.padEnd(6)} | ${baselineName}: ${baseline.toFixed(1).padStart(9)} ${unit.padEnd(6)} | ratio ${ratio.toFixed(2)}\n`,
  );
}

/** What the web app's requests carry (a browser always offers compression). */
export const BROWSER_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br' };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export interface Comparison {
  /** Medians over the rounds of the target's req/s and p99 divided by the baseline's of the same round. */
  throughputRatio: number;
  p99Ratio: number;
  /** Every round's throughput ratio, to show how much the machine's load moved them. */
  throughputRatios: number[];
  /**
   * CPU milliseconds per request (service process and the stack's PostgreSQL) of the baseline divided by the
   * target's (median of the rounds): the throughput ratio once the service has the CPU to itself, and a
   * figure other processes on the machine hardly move.
   */
  cpuRatio?: number;
  cpuMsPerRequest?: { target: number; baseline: number };
  target: { requestsPerSecond: number; p99Ms: number };
  baseline: { requestsPerSecond: number; p99Ms: number };
}

/**
 * Target and baseline under the same load, interleaved: a warm-up of each, then `rounds` rounds of one short
 * run of each (the order alternating, so a trend in the machine's load favours neither), with a fresh token
 * per round (Keycloak's tokens live 5 minutes). The ratios are taken per round, of runs seconds apart, and
 * their median is reported: on a shared machine whose load changes within seconds, that is what stays put.
 */
export async function compare(options: {
  name: string;
  baselineUrl: string;
  targetUrl: string;
  token: () => Promise<string>;
  /** The service's process, whose CPU per request (with PostgreSQL's) is measured too. */
  pid?: number;
  /** Counts only PostgreSQL's backends serving this database (default: the whole server). */
  database?: string;
  rounds?: number;
  seconds?: number;
  /** Headers the target's requests carry besides a browser's; with If-None-Match its answers must be 304. */
  targetHeaders?: Record<string, string>;
}): Promise<Comparison> {
  // Sampled twice a second: the service's pool keeps its connections while the load runs.
  const sampler = options.pid === undefined ? undefined : cpuSampler(options.pid, { database: options.database, everyMs: 500 });
  const cpu = sampler && (() => Object.values(sampler.read()).reduce((sum, seconds) => sum + seconds, 0));
  const rounds = options.rounds ?? ROUNDS;
  const seconds = options.seconds ?? ROUND_SECONDS;
  const revalidated = options.targetHeaders?.['if-none-match'] !== undefined;
  const run = async (url: string, token: string, runSeconds: number) => {
    const target = url === options.targetUrl;
    const before = cpu?.() ?? 0;
    const result = await load({ url, token, connections: LOAD.connections, seconds: runSeconds, headers: { ...BROWSER_HEADERS, ...(target ? options.targetHeaders : {}) } });
    const cpuMs = cpu ? ((cpu() - before) * 1000) / Math.max(1, result.requests) : Number.NaN;
    const unexpected = target && revalidated ? result.requests - (result.statusCodes['304'] ?? 0) : result.non2xx;
    if (unexpected > 0 || result.errors > 0) {
      throw new Error(`${options.name} (${url}): ${unexpected} unexpected answers (${JSON.stringify(result.statusCodes)}), ${result.errors} errors`);
    }
    return { ...result, cpuMs };
  };
  const pairs: Array<{ baseline: LoadResult & { cpuMs: number }; target: LoadResult & { cpuMs: number } }> = [];
  try {
    const warmToken = await options.token();
    await run(options.baselineUrl, warmToken, 2);
    await run(options.targetUrl, warmToken, 2);
    for (let round = 0; round < rounds; round++) {
      const token = await options.token();
      if (round % 2 === 0) {
        const baseline = await run(options.baselineUrl, token, seconds);
        pairs.push({ baseline, target: await run(options.targetUrl, token, seconds) });
      } else {
        const target = await run(options.targetUrl, token, seconds);
        pairs.push({ target, baseline: await run(options.baselineUrl, token, seconds) });
      }
    }
  } finally {
    sampler?.stop();
  }
  const throughputRatios = pairs.map((p) => p.target.requestsPerSecond / p.baseline.requestsPerSecond);
  const cpuMeasured = cpu ? { cpuRatio: median(pairs.map((p) => p.baseline.cpuMs / p.target.cpuMs)), cpuMsPerRequest: { target: median(pairs.map((p) => p.target.cpuMs)), baseline: median(pairs.map((p) => p.baseline.cpuMs)) } } : {};
  return {
    ...cpuMeasured,
    throughputRatio: median(throughputRatios),
    p99Ratio: median(pairs.map((p) => p.target.p99Ms / p.baseline.p99Ms)),
    throughputRatios,
    target: { requestsPerSecond: median(pairs.map((p) => p.target.requestsPerSecond)), p99Ms: median(pairs.map((p) => p.target.p99Ms)) },
    baseline: { requestsPerSecond: median(pairs.map((p) => p.baseline.requestsPerSecond)), p99Ms: median(pairs.map((p) => p.baseline.p99Ms)) },
  };
}

/** Two lines a comparison: throughput and p99, each with the median of the per-round ratios (and their range). */
export function reportComparison(name: string, comparison: Comparison, baselineName: string): void {
  const { target, baseline, throughputRatios } = comparison;
  const range = `rounds ${Math.min(...throughputRatios).toFixed(2)}–${Math.max(...throughputRatios).toFixed(2)}`;
  process.stdout.write(
    `${`${name}: req/s`.padEnd(60)} ${target.requestsPerSecond.toFixed(1).padStart(8)} | ${baselineName}: ${baseline.requestsPerSecond.toFixed(1).padStart(8)} | ratio ${comparison.throughputRatio.toFixed(2)} (${range})\n` +
      `${`${name}: p99 ms`.padEnd(60)} ${target.p99Ms.toFixed(1).padStart(8)} | ${baselineName}: ${baseline.p99Ms.toFixed(1).padStart(8)} | ratio ${comparison.p99Ratio.toFixed(2)}\n`,
  );
  const { cpuMsPerRequest, cpuRatio } = comparison;
  if (cpuMsPerRequest && cpuRatio !== undefined) {
    process.stdout.write(
      `${`${name}: CPU ms/request (service + PostgreSQL)`.padEnd(60)} ${cpuMsPerRequest.target.toFixed(2).padStart(8)} | ${baselineName}: ${cpuMsPerRequest.baseline.toFixed(2).padStart(8)} | req/s ratio by CPU ${cpuRatio.toFixed(2)}\n`,
    );
  }
}
