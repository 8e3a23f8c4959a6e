import type { Principal } from '@sozialraum/kit';
import { mayChange, mayReadAudit, mayTransition } from './access';
import { allowedTransitions, EVALUABLE_STATUSES, isDecision, type MeasureStatus, REPORTABLE_STATUSES } from '@sozialraum/contracts';

/** What the caller may do with one measure now, so that a client offers exactly what the endpoints accept. */
export interface MeasurePermissions {
  edit: boolean;
  fileReport: boolean;
  evaluate: boolean;
  manageMilestones: boolean;
  readAudit: boolean;
  transitions: MeasureStatus[];
}

/**
 * Built from the rules the use cases enforce (access.ts and the status machine), never a copy of them: a
 * change to a rule changes the permission with it.
 */
export function measurePermissions(principal: Principal, measure: { department: string; status: MeasureStatus; evaluated: boolean }): MeasurePermissions {
  const change = mayChange(principal, measure.department);
  return {
    edit: change,
    fileReport: change && REPORTABLE_STATUSES.includes(measure.status),
    evaluate: change && EVALUABLE_STATUSES.includes(measure.status) && !measure.evaluated,
    manageMilestones: change,
    readAudit: mayReadAudit(principal, measure.department),
    transitions: mayTransition(principal, measure.department, isDecision(measure.status)) ? allowedTransitions(measure.status) : [],
  };
}
