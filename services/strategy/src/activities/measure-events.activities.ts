import { MEASURE_EVENTS, type MeasureEvent } from '@sozialraum/contracts';
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
      await pool.query(
        `UPDATE measure_proposal
            SET status = COALESCE($3, status), progress = COALESCE($4, progress), traffic_light = COALESCE($5, traffic_light),
                last_event_id = $6, updated_at = now()
          WHERE id = $1 AND cycle_id = $2 AND (last_event_id IS NULL OR last_event_id < $6)`,
        [event.measureId, event.cycleId, status, report ? (event.progress ?? null) : null, report ? (event.trafficLight ?? null) : null, event.eventId],
      );
    },
  };
}
