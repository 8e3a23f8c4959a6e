import type { StrategyActivities } from '@sozialraum/contracts';
import { cycleActivities } from './cycle.activities';
import type { ActivityDependencies } from './dependencies';
import { measureEventActivities } from './measure-events.activities';
import { taskActivities } from './task.activities';

export type { ActivityDependencies } from './dependencies';

/** The cycle's activities that touch the strategy schema; the service's Temporal worker runs them. */
export function createStrategyActivities(deps: ActivityDependencies): StrategyActivities {
  return { ...cycleActivities(deps), ...taskActivities(deps), ...measureEventActivities(deps) };
}
