import type { MonitoringDependencies } from '../dependencies';
import { profileSnapshotJob } from '../use-cases/profile-snapshot';
import type { JobWork } from '../domain/ports/job-queue';

export function profileJobs({ pool, jobs, logger }: MonitoringDependencies): JobWork {
  return { 'profile-snapshot': () => profileSnapshotJob(pool, jobs, logger) };
}
