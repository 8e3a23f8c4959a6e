/** A message for the next page (e.g. "task completed" shown on the inbox after leaving the task page). */
let pending: string | undefined;

export const flash = {
  set(message: string): void {
    pending = message;
  },
  /** The message, once: it is dropped after this tick (React's strict mode may ask twice while rendering). */
  take(): string | undefined {
    const message = pending;
    if (message !== undefined) setTimeout(() => {
      if (pending === message) pending = undefined;
    }, 0);
    return message;
  },
};
