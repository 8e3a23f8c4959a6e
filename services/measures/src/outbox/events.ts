/** The events this service publishes through its outbox (for the strategy cycle, issue 5 point 5). */
export const EventTypes = {
  /** payload: measureId, cycleId, department, from, to, reason, by */
  statusChanged: 'measure.status-changed',
  /** payload: measureId, cycleId, department, reportId, date, progress, trafficLight */
  reportFiled: 'measure.report-filed',
  /** payload: measureId, cycleId, department, recommendation */
  evaluationFiled: 'measure.evaluation-filed',
  /** payload: cycleId, measures (id, status) — every measure of the cycle is completed, cancelled or rejected */
  cycleMeasuresFinished: 'cycle.measures-finished',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];
