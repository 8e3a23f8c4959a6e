import { defineSignal } from '@temporalio/workflow';
import type { MeasureStatus } from './measure-status';

/** What the measures service and the strategy cycle share: the events of its outbox and the signal that carries them. */


/** The event types of the measures service's outbox (their payloads: `MeasureEvent`). */
export const MEASURE_EVENTS = {
  /** measureId, cycleId, department, from, to, reason, by */
  statusChanged: 'measure.status-changed',
  /** measureId, cycleId, department, reportId, date, progress, trafficLight */
  reportFiled: 'measure.report-filed',
  /** measureId, cycleId, department, recommendation */
  evaluationFiled: 'measure.evaluation-filed',
  /** cycleId, measures (id, status): every measure of the cycle is completed, cancelled or rejected */
  cycleMeasuresFinished: 'cycle.measures-finished',
} as const;
export type MeasureEventType = (typeof MEASURE_EVENTS)[keyof typeof MEASURE_EVENTS];

/** One outbox event as the cycle workflow of its measure's cycle receives it. */
export interface MeasureEvent {
  /** The outbox sequence number: a repeated delivery has the same one, and the workflow ignores it. */
  eventId: number;
  type: MeasureEventType;
  /** The cycle's workflow ID (the measure's cycle reference). */
  cycleId: string;
  measureId?: string;
  department?: string;
  /** status-changed: the new status and the one before. */
  status?: MeasureStatus;
  from?: MeasureStatus;
  reason?: string | null;
  /** Who made the change, as the measures service names them. */
  by?: string;
  /** report-filed */
  reportId?: string;
  date?: string;
  progress?: number;
  trafficLight?: 'green' | 'yellow' | 'red';
  /** evaluation-filed */
  recommendation?: 'continue' | 'adapt' | 'stop';
  /** cycle.measures-finished: every measure of the cycle with its final status. */
  measures?: Array<{ id: string; status: MeasureStatus }>;
  occurredAt: string;
}

/** The measures service's outbox relay signals each event to the cycle workflow of the measure's cycle. */
export const measureEventSignal = defineSignal<[MeasureEvent]>('measureEvent');
