import type { MonitoringDependencies } from '../dependencies';
import { runImportJob } from '../use-cases/imports';
import { valueImportWork } from '../use-cases/value-import';
import type { JobProcessors } from './queue';

export function valueJobs({ pool, jobs, logger }: MonitoringDependencies): JobProcessors {
  const work = valueImportWork(pool, jobs);
  return { 'import-values': (job) => runImportJob(pool, job, logger, work) };
}
