import { type MeasureEvent, measureEventSignal, type MeasureEventType } from '@sozialraum/contracts';
import type { Logger } from '@sozialraum/kit';
import type { TemporalDeadline } from '@sozialraum/kit/temporal';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { OutboxEvent } from '../data/outbox.repository';

export type { OutboxEvent };

/**
 * Where the relay delivers events, one at a time and in order. `publish` resolves once the event is
 * delivered; a rejection makes the relay retry the same event later (at least once: consumers tell
 * repeated deliveries apart by the event's `id`).
 */
export interface OutboxPublisher {
  publish(event: OutboxEvent): Promise<void>;
}

/** The signal's payload: the event's ID and type, and its payload's fields with the new status as `status`. */
export function toMeasureEvent(event: OutboxEvent): MeasureEvent | undefined {
  const { to, ...payload } = event.payload as Omit<MeasureEvent, 'eventId' | 'type' | 'occurredAt' | 'status'> & { to?: MeasureEvent['status'] };
  const cycleId = typeof payload.cycleId === 'string' ? payload.cycleId : undefined;
  if (!cycleId) return undefined;
  return { ...payload, eventId: Number(event.id), type: event.type as MeasureEventType, cycleId, ...(to ? { status: to } : {}), occurredAt: new Date(event.occurredAt).toISOString() };
}

/**
 * Signals each event to the strategy cycle of the measure's cycle: the workflow ID is the measure's cycle
 * reference. An event without a cycle, or whose cycle has no running workflow (closed, or never a Temporal
 * cycle), is published without a signal; Temporal being away (or past `deadline`) makes the relay try the
 * event again.
 */
export function cycleSignalPublisher(temporal: Client, deadline: TemporalDeadline, logger: Logger): OutboxPublisher {
  const signalled = async (signal: MeasureEvent): Promise<boolean> => {
    try {
      await deadline(() => temporal.workflow.getHandle(signal.cycleId).signal(measureEventSignal, signal));
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  };
  return {
    publish: async (event) => {
      const signal = toMeasureEvent(event);
      const delivered = signal ? await signalled(signal) : false;
      logger.info(
        { event: { id: event.id, type: event.type, aggregateId: event.aggregateId, payload: event.payload }, cycleId: signal?.cycleId, signalled: delivered },
        'outbox event published',
      );
    },
  };
}
