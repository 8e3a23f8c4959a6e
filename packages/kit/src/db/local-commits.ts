import pg from 'pg';

/**
 * Commits of this process: every pool made by `createPool` creates its connections as `CommitWatchingClient`
 * (pg-pool's documented `Client` option), which reports a transaction that wrote (a statement whose result is
 * tagged INSERT, UPDATE, DELETE, MERGE, TRUNCATE or COPY, or a cursor or COPY stream) once its COMMIT — or the
 * writing statement itself, outside a transaction — has answered, before the code that waits for it goes on. Versions
 * kept in memory (listened-version.ts) take this as "read again": a process reads its own writes without waiting
 * for their notification. A write hidden in a SELECT (a data-modifying CTE, a function) is not recognised here;
 * it is seen when its notification comes, as another process's write is.
 */
const listeners = new Set<() => void>();

/** Calls `listener` after each commit of this process that wrote; returns how to stop. */
export function onLocalCommit(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const writes = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'COPY']);

type Callback = (error: Error | null, result: unknown) => void;
type Query = (...args: unknown[]) => unknown;

const isSubmittable = (value: unknown): boolean => typeof (value as { submit?: unknown } | null)?.submit === 'function';

export class CommitWatchingClient extends pg.Client {
  private inTransaction = false;
  private wrote = false;

  /** Every form of pg's `query` (promise, callback, submittable) passes through unchanged; only results are looked at. */
  override query(...args: unknown[]): never {
    const query = super.query.bind(this) as Query;
    const last = args.at(-1);
    if (typeof last === 'function') {
      // pg-pool's own `pool.query` takes this path: the result is seen before the pool hands it on.
      return query(
        ...args.slice(0, -1),
        ((error, result) => {
          if (!error) this.saw(result);
          (last as Callback)(error, result);
        }) satisfies Callback,
      ) as never;
    }
    if (isSubmittable(args[0])) {
      // A cursor or a COPY stream: its tag is not seen here, so a transaction around it counts as one that wrote,
      // and a COPY … FROM STDIN on its own has committed when its stream finishes (the server's answer came).
      if (this.inTransaction) this.wrote = true;
      else (args[0] as Partial<Pick<NodeJS.EventEmitter, 'once'>>).once?.('finish', reportCommit);
      return query(...args) as never;
    }
    const answer = query(...args);
    // A query config with its own `callback` answers undefined: nothing to look at then.
    if (typeof (answer as Promise<unknown> | undefined)?.then !== 'function') return answer as never;
    return (answer as Promise<unknown>).then((result) => {
      this.saw(result);
      return result;
    }) as never;
  }

  /** Back in the pool: no transaction is open any more (one whose COMMIT failed was rolled back by the server). */
  released(): void {
    this.inTransaction = false;
    this.wrote = false;
  }

  /** A multi-statement text answers with one result per statement. */
  private saw(result: unknown): void {
    for (const each of (Array.isArray(result) ? result : [result]) as Array<{ command?: string } | undefined>) this.seeCommand(each?.command);
  }

  private seeCommand(command: string | undefined): void {
    if (command === 'BEGIN' || command === 'START') {
      this.inTransaction = true;
      this.wrote = false;
    } else if (command === 'COMMIT' || command === 'ROLLBACK') {
      // COMMIT of a failed transaction answers ROLLBACK; reporting a rollback would only cost one read more.
      const committed = command === 'COMMIT' && this.wrote;
      this.inTransaction = false;
      this.wrote = false;
      if (committed) reportCommit();
    } else if (command !== undefined && writes.has(command)) {
      if (this.inTransaction) this.wrote = true;
      else reportCommit();
    }
  }
}

/** The pool's side: connections made as `CommitWatchingClient`, their state cleared whenever they come back. */
export function watchCommits(pool: pg.Pool): void {
  pool.on('release', (_error, client) => {
    if (client instanceof CommitWatchingClient) client.released();
  });
}

function reportCommit(): void {
  for (const listener of listeners) listener();
}
