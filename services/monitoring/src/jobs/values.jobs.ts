import type { MonitoringDependencies } from '../dependencies';
import { runImportJob } from '../use-cases/imports';
import { valueImportWork } from '../use-cases/value-import';
import type { JobWork } from '../domain/ports/job-queue';

export function valueJobs({ pool, jobs, logger }: MonitoringDependencies): JobWork {
  const work = valueImportWork(pool, jobs);
  return { 'import-values': (job) => runImportJob(pool, job, logger, work) };
}
