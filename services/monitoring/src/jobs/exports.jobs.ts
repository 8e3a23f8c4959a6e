import type { MonitoringDependencies } from '../dependencies';
import { exportJobWork } from '../use-cases/export-jobs';
import type { JobWork } from '../domain/ports/job-queue';

export function exportJobs({ pool, logger }: MonitoringDependencies): JobWork {
  return { 'export-values': exportJobWork(pool, logger) };
}
