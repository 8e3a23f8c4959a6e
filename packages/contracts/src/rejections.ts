/**
 * Why the workflow refused a message. The workflow throws an ApplicationFailure with one of these as its
 * `type` (and, for bad forms, the field problems as its first detail), so the strategy service can answer
 * with the right status without parsing messages: 409 for state, 403 for groups, 422 for the form.
 */
export const REJECTIONS = {
  /** The cycle is suspended, cancelled or completed. */
  cycleNotRunning: 'CycleNotRunning',
  taskNotFound: 'TaskNotFound',
  /** The task was completed or cancelled already. */
  taskNotOpen: 'TaskNotOpen',
  /** None of the caller's groups is a candidate group of the task. */
  notCandidate: 'NotCandidate',
  /** The result does not match the task type's form; details[0] holds the field problems. */
  invalidResult: 'InvalidTaskResult',
  /** The form is fine but the phase's rules refuse it (e.g. closing participation with no records). */
  phaseRule: 'PhaseRuleViolated',
  /**
   * An approval names a planned budget the measure no longer has (changed since the decision task opened);
   * details[0] holds a field problem per changed measure, details[1] the current amounts (`BudgetChange[]`).
   */
  budgetChanged: 'BudgetChanged',
  /** A cycle message that needs something missing, e.g. cancelling without a reason. */
  invalidRequest: 'InvalidRequest',
} as const;
export type Rejection = (typeof REJECTIONS)[keyof typeof REJECTIONS];

/** The field problems of a rejected form, as `validateTaskResult` reports them. */
export type FieldProblems = Array<{ pointer: string; detail: string }>;

/** A measure whose planned budget changed after the committee was shown it: what it saw and what it is now. */
export interface BudgetChange {
  measureId: string;
  shown: number | null;
  current: number | null;
}
