import { MEASURE_EVENTS, type MeasureEvent } from '@sozialraum/contracts';
import { applyMeasureEvent } from '../data/measure-proposals.repository';
import type { ActivityDependencies } from './dependencies';

export function measureEventActivities({ pool }: ActivityDependencies) {
  return {
    /**
     * Brings the cycle's copy of a measure (strategy.measure_proposal) to what the measures service announced:
     * its status, or the progress and traffic light of a report. Idempotent, and an event older than the
     * newest one applied changes nothing, so retries and late deliveries are harmless.
     */
    async recordMeasureEvent(event: MeasureEvent): Promise<void> {
      const status = event.type === MEASURE_EVENTS.statusChanged ? (event.status ?? null) : null;
      const report = event.type === MEASURE_EVENTS.reportFiled;
      if (!event.measureId || (!status && !report)) return;
      await applyMeasureEvent(pool, {
        measureId: event.measureId, cycleId: event.cycleId, status, progress: report ? (event.progress ?? null) : null,
        trafficLight: report ? (event.trafficLight ?? null) : null, eventId: event.eventId,
      });
    },
  };
}
