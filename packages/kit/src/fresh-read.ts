/**
 * Shares one read among the callers that wait for it, without ever giving a caller a value read before it
 * asked: a caller that arrives while a read is under way waits for the next one, which starts when that read
 * ends and serves everyone who arrived meanwhile. Under load this turns one query per request into about one
 * per round trip, while every answer still sees every change committed before its request came in.
 */
export function freshReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const current: Promise<T> = read().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
