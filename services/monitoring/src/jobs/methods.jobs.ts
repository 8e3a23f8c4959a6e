import type { MonitoringDependencies } from '../dependencies';
import type { JobProcessors } from './queue';

export function methodJobs(_deps: MonitoringDependencies): JobProcessors {
  return {};
}
