import type pg from 'pg';

/**
 * Commits of this process, seen on the wire: every pool made by `createPool` reports a transaction that wrote
 * (a statement tagged INSERT, UPDATE, DELETE, MERGE, TRUNCATE or COPY, or an explicit COMMIT) as soon as the
 * server says it is over — before the code that waits for that statement goes on. Versions kept in memory
 * (listened-version.ts) take this as "read again": a process reads its own writes without waiting for their
 * notification. A write hidden in a SELECT (a data-modifying CTE, a function) is not recognised here; it is
 * seen when its notification comes, as another process's write is.
 */
const listeners = new Set<() => void>();

/** Calls `listener` after each commit of this process that wrote; returns how to stop. */
export function onLocalCommit(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const writes = /^(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|COMMIT)\b/;

function watch(client: pg.Client): void {
  let wrote = false;
  client.connection.on('commandComplete', (message: { text: string }) => {
    if (writes.test(message.text)) wrote = true;
  });
  // Before the client's own handler, which settles the query: whoever awaits it already finds the version stale.
  client.connection.prependListener('readyForQuery', (message: { status: string }) => {
    // 'I': no transaction open any more (committed or rolled back; a rollback only costs one read more).
    if (message.status !== 'I' || !wrote) return;
    wrote = false;
    for (const listener of listeners) listener();
  });
}

export function watchCommits(pool: pg.Pool): void {
  pool.on('connect', watch);
}
