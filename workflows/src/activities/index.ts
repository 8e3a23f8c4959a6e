import { cycleActivities } from './cycle.activities';
import type { ActivityDependencies } from './dependencies';
import { measureEventActivities } from './measure-events.activities';
import { taskActivities } from './task.activities';

export type { ActivityDependencies } from './dependencies';
export type { MeasurePort, MeasurePortFactory, MeasureRef } from './measure-port';
export { createSqlMeasurePort } from './measure-port';
export { createMeasuresServicePort, type MeasuresServiceOptions } from './measures-service-port';
export { createMonitoringClient, type MonitoringClient, type SpaceProfile } from './monitoring';
export { createNotificationQueue, type NotificationQueue } from './notifications';
export type { TaskRef, TaskRow } from './task.activities';
export type { IndicatorComparison } from './comparison';

/** Builds the activities with their dependencies, so tests hand in their own; the workflow `import type`s the result. */
export function createActivities(deps: ActivityDependencies) {
  return { ...cycleActivities(deps), ...taskActivities(deps), ...measureEventActivities(deps) };
}
export type Activities = ReturnType<typeof createActivities>;
