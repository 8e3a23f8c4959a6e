import type { MonitoringDependencies } from '../dependencies';
import { runImportJob } from '../use-cases/imports';
import { queueRecomputation } from '../use-cases/recompute-queue';
import { importSpaces } from '../use-cases/spaces-import';
import type { JobWork } from '../domain/ports/job-queue';

export function spaceJobs({ pool, jobs, logger }: MonitoringDependencies): JobWork {
  return {
    'import-spaces': async (job) => {
      const outcome = await runImportJob(pool, job, logger, importSpaces(pool));
      // New spaces and imported residents change which spaces a method scores.
      if (outcome?.status === 'succeeded') await queueRecomputation(jobs, pool);
      return outcome;
    },
  };
}
