/**
 * Work that will fail the same way however often it is tried (refused input, a job naming what this deployment
 * does not have). Use cases throw it; the job worker maps it to BullMQ's "do not retry" (UnrecoverableError).
 */
export class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';
}
