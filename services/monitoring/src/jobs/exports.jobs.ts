import type { MonitoringDependencies } from '../dependencies';
import { exportJobWork } from '../use-cases/export-jobs';
import type { JobProcessors } from './queue';

export function exportJobs({ pool, logger }: MonitoringDependencies): JobProcessors {
  return { 'export-values': exportJobWork(pool, logger) };
}
