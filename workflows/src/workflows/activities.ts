import { activityQueue, type ActivityOwner, type MeasuresActivities, type StrategyActivities } from '@sozialraum/contracts';
import { type ActivityOptions, proxyActivities, workflowInfo } from '@temporalio/workflow';

type AnyActivities = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Activities run by the service that owns their data, on its queue next to the cycle's own
 * (`<cycle queue>.strategy`, `<cycle queue>.measures`); read when an activity is called, inside the workflow.
 */
function routed<T extends object>(owner: ActivityOwner, options: ActivityOptions): T {
  return new Proxy({} as T, {
    get: (_target, name) => (...args: unknown[]) =>
      proxyActivities<AnyActivities>({ ...options, taskQueue: activityQueue(workflowInfo().taskQueue, owner) })[name as string]!(...args),
  });
}

/**
 * Database activities are short; retried until they succeed (the read model must catch up), with a short
 * start-to-close so a worker killed mid-activity is noticed quickly.
 */
const database: ActivityOptions = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
};

/** The strategy service: its read model, tasks and notifications. */
export const acts = routed<StrategyActivities>('strategy', database);

/** The measures service: measures created, decided, reported on and evaluated in its own transactions. */
export const measureActs = routed<MeasuresActivities>('measures', database);

/** Calls to the monitoring service (by the strategy service): they bound their own attempts and then record "unavailable". */
export const monitoringActs = routed<Pick<StrategyActivities, 'freezeEvidence' | 'freezeReflection' | 'handOverAlert'>>('strategy', {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s' },
});
