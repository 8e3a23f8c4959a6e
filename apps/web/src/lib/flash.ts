/** A message for the next page (e.g. "task completed" shown on the inbox after leaving the task page). */
let pending: string | undefined;

export const flash = {
  set(message: string): void {
    pending = message;
  },
  take(): string | undefined {
    const message = pending;
    pending = undefined;
    return message;
  },
};
