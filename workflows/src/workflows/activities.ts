import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Database activities are short; retried until they succeed (the read model must catch up), with a short
 * start-to-close so a worker killed mid-activity is noticed quickly.
 */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

/** Calls to the monitoring service: they bound their own attempts and then record "unavailable". */
export const monitoringActs = proxyActivities<Pick<Activities, 'freezeEvidence' | 'freezeReflection' | 'handOverAlert'>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s' },
});
