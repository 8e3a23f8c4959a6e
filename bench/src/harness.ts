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
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count])),
  };
}

/** Load settings of a benchmark run: BENCH_CONNECTIONS (20) and BENCH_SECONDS (10). */
export const LOAD = { connections: Number(process.env.BENCH_CONNECTIONS ?? 20), seconds: Number(process.env.BENCH_SECONDS ?? 10) };

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
