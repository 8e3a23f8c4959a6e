import {
  activityQueue,
  type ActivityOwner,
  type FormerStrategyMonitoringCalls,
  type MeasuresActivities,
  type MonitoringActivities,
  type StrategyActivities,
} from '@sozialraum/contracts';
import { type ActivityOptions, proxyActivities, workflowInfo } from '@temporalio/workflow';

type AnyActivities = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Activities run by the service that owns their data, on its queue next to the cycle's own
 * (`<cycle queue>.strategy`, `.measures`, `.monitoring`); read when an activity is called, inside the workflow.
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

/**
 * Monitoring's part bounds its own attempts and then records "unavailable"; a profile takes longer than a row.
 * When no monitoring worker takes it at all, the schedule-to-close deadline ends the wait (see monitoring.ts).
 */
const monitoring: ActivityOptions = {
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '5m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s' },
};

/** The strategy service: its read model, tasks and notifications. */
export const acts = routed<StrategyActivities>('strategy', database);

/** The measures service: measures created, decided, reported on and evaluated in its own transactions. */
export const measureActs = routed<MeasuresActivities>('measures', database);

/** The monitoring service: evidence snapshots, the before/after comparison and the alert hand-over. */
export const monitoringActs = routed<MonitoringActivities>('monitoring', monitoring);

/** Cycles recorded before monitoring ran its own part: the strategy service called monitoring's API (replay only). */
export const formerMonitoringCalls = routed<FormerStrategyMonitoringCalls>('strategy', monitoring);

/** Where the workflow calls monitoring's activities instead of the strategy service's former calls. */
export const MONITORING_IN_ITS_SERVICE = 'monitoring-in-its-service';
