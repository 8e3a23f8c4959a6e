/**
 * Work that will fail the same way however often it is tried (a job naming what this deployment does not have).
 * Use cases throw it; the queue's worker maps it to its own "do not retry" (BullMQ's UnrecoverableError).
 */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}
