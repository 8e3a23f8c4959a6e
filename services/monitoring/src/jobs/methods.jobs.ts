import { PermanentFailure } from '@sozialraum/kit';
import { withTransaction } from '@sozialraum/kit/db';
import type { MonitoringDependencies } from '../dependencies';
import { findMethodVersion, saveJobOutcome } from '../data/methods.repository';
import { InvalidMethodError } from '../domain/method';
import { evaluateAndStoreAlerts } from '../use-cases/alerts';
import { recomputeMethod } from '../use-cases/methods-recompute';
import type { JobWork, RunningJob } from '../domain/ports/job-queue';

export function methodJobs({ pool, logger }: MonitoringDependencies): JobWork {
  /** The queue forgets finished recomputations (see recompute-queue); their outcome stays readable. */
  async function recordFailure(job: RunningJob, error: unknown): Promise<void> {
    const final = error instanceof PermanentFailure || job.lastAttempt;
    if (!final) return;
    const failedReason = error instanceof Error ? error.message : String(error);
    await saveJobOutcome(pool, { jobId: job.id, name: job.name, state: 'failed', result: null, failedReason });
  }

  return {
    recompute: async (job) => {
      const { key, version } = job.data;
      try {
        // One transaction for every period and the alerts: a crash leaves the previous results.
        return await withTransaction(pool, async (client) => {
          const method = await findMethodVersion(client, key, version);
          if (!method) throw new PermanentFailure(`There is no method "${key}" in version "${version}".`);
          const started = performance.now();
          const outcome = await recomputeMethod(client, method, logger).catch((error: unknown) => {
            throw error instanceof InvalidMethodError ? new PermanentFailure(error.message) : error;
          });
          const computed = performance.now();
          const alerts = await evaluateAndStoreAlerts(client, logger);
          // How long each part took, for operators and the benchmark (indices and classes vs alert rules).
          const durationsMs = { indices: Math.round(computed - started), alerts: Math.round(performance.now() - computed) };
          const result = { ...outcome, alerts, durationsMs };
          await saveJobOutcome(client, { jobId: job.id, name: job.name, state: 'completed', result, failedReason: null });
          logger.info({ job: job.id, periods: outcome.periods.length }, 'recomputation done');
          return result;
        });
      } catch (error) {
        await recordFailure(job, error);
        throw error;
      }
    },
    'evaluate-alerts': async () => withTransaction(pool, (client) => evaluateAndStoreAlerts(client, logger)),
  };
}
