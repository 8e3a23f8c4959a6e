import type { Logger } from '@sozialraum/kit';
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

/** Until the strategy cycle listens (issue 5 point 5), events are written to the log. */
export function loggingPublisher(logger: Logger): OutboxPublisher {
  return {
    publish: async (event) => {
      logger.info({ event: { id: event.id, type: event.type, aggregateId: event.aggregateId, payload: event.payload } }, 'outbox event published');
    },
  };
}
