import { MEASURE_EVENTS, type MeasureEventType } from '@sozialraum/contracts';

/** The events this service publishes through its outbox: defined with their payloads in @sozialraum/contracts. */
export const EventTypes = MEASURE_EVENTS;
export type EventType = MeasureEventType;
