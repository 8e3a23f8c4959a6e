import { requireRole, Roles } from '@sozialraum/kit';

/** Changing the catalogue, spaces, methods and data is the planners' job (and admins'). */
export const plannersOnly = requireRole(Roles.planner, Roles.admin);
