import type { MonitoringDependencies } from '../dependencies';
import type { JobProcessors } from './queue';

export function spaceJobs(_deps: MonitoringDependencies): JobProcessors {
  return {};
}
