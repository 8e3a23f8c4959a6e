import { requireRole, Roles } from '@sozialraum/kit';

/** Starting and steering cycles is the planners' job. */
export const plannersOnly = requireRole(Roles.planner);
