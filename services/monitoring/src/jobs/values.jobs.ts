import type { MonitoringDependencies } from '../dependencies';
import type { JobProcessors } from './queue';

export function valueJobs(_deps: MonitoringDependencies): JobProcessors {
  return {};
}
