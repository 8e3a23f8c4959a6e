/** Dependencies the activities need (service clients, database); they are built once per worker. */
export type ActivityDependencies = Record<string, never>;

/** Builds the activities with their dependencies, so tests can hand in their own. */
export function createActivities(_deps: ActivityDependencies) {
  return {};
}
export type Activities = ReturnType<typeof createActivities>;
