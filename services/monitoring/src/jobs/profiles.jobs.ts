import type { MonitoringDependencies } from '../dependencies';
import { profileSnapshotJob } from '../use-cases/profile-snapshot';
import type { JobProcessors } from './queue';

export function profileJobs({ pool, jobs, logger }: MonitoringDependencies): JobProcessors {
  return { 'profile-snapshot': () => profileSnapshotJob(pool, jobs, logger) };
}
