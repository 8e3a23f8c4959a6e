import { Gauge, type Registry } from 'prom-client';

/** A dependency the process needs to do its work; `check` rejects when it cannot be used. */
export interface HealthCheck {
  name: string;
  check: () => Promise<void>;
  /**
   * Without it the process cannot serve at all (its own database): readiness fails with it. The others
   * (Redis, Temporal, Keycloak) show in /v1/admin/status and `dependency_up`: the process still serves
   * what does not need them, and answers 503 with Retry-After for what does.
   */
  essential?: boolean;
}

export interface DependencyState {
  name: string;
  essential: boolean;
  up: boolean;
  /** `ok`, or why the check failed. */
  detail: string;
  latencyMs: number;
}

export type HealthReport = { ok: boolean; checks: Record<string, string>; dependencies: DependencyState[] };

export async function runHealthChecks(checks: HealthCheck[], timeoutMs = 2_000): Promise<HealthReport> {
  const dependencies = await Promise.all(
    checks.map(async ({ name, check, essential }): Promise<DependencyState> => {
      const started = performance.now();
      const state = (up: boolean, detail: string) => ({ name, essential: essential === true, up, detail, latencyMs: Math.round(performance.now() - started) });
      try {
        await withTimeout(check(), timeoutMs, `${name} did not answer within ${timeoutMs} ms`);
        return state(true, 'ok');
      } catch (error) {
        return state(false, error instanceof Error ? error.message : String(error));
      }
    }),
  );
  return { ok: dependencies.every((d) => d.up), checks: Object.fromEntries(dependencies.map((d) => [d.name, d.detail])), dependencies };
}

/** The checks readiness runs: only what the process cannot serve without. */
export const essentialChecks = (checks: HealthCheck[]) => checks.filter((check) => check.essential);

/** `dependency_up{dependency}`: 1 when the dependency answered its check at this scrape, else 0. */
export function dependencyMetrics(registry: Registry, checks: HealthCheck[], timeoutMs = 2_000): void {
  if (checks.length === 0) return;
  new Gauge({
    name: 'dependency_up',
    help: 'Whether each dependency of this process answered its health check (1) or not (0), checked at the scrape',
    labelNames: ['dependency', 'essential'] as const,
    registers: [registry],
    async collect() {
      for (const d of (await runHealthChecks(checks, timeoutMs)).dependencies) this.set({ dependency: d.name, essential: String(d.essential) }, d.up ? 1 : 0);
    },
  });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string | (() => Error)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(typeof message === 'string' ? new Error(message) : message()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
