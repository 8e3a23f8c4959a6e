import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far (all its threads), from /proc; 0 once it is gone. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** The local stack's PostgreSQL server (its postmaster), when the stack runs from this checkout. */
function postmasterPid(): number | undefined {
  try {
    return Number(readFileSync(join(__dirname, '..', '..', '.local', 'pg', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by a service process and by the stack's PostgreSQL (postmaster and every backend):
 * what one request costs, whatever share of the machine the other processes leave it. A backend that ends
 * between two readings takes its seconds along, so sample only while the service's pool stays open.
 */
export function cpuMeter(servicePid: number): () => number {
  const postmaster = postmasterPid();
  return () => cpuSecondsOf(servicePid) + (postmaster ? [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + cpuSecondsOf(pid), 0) : 0);
}

/** A PostgreSQL backend's title names its database: "postgres: user database host(port) COMMAND". */
function servesDatabase(pid: number, database: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(' ')[2] === database;
  } catch {
    return false;
  }
}

/**
 * CPU seconds of a process (the service, or this benchmark itself) and of the stack's PostgreSQL backends
 * serving `database` from now on (not other databases', nor autovacuum's), sampled every `everyMs` so that a
 * backend ending meanwhile (a pool closing idle connections) keeps what it had used by its last sample.
 * `stop()` ends the sampling and returns both.
 */
export function cpuSampler(pid: number, database: string, everyMs = 100): { stop(): { process: number; postgres: number } } {
  const postmaster = postmasterPid();
  const backends = () => (postmaster ? childrenOf(postmaster).filter((p) => servesDatabase(p, database)) : []);
  const first = new Map(backends().map((p) => [p, cpuSecondsOf(p)]));
  const last = new Map(first);
  const processStart = cpuSecondsOf(pid);
  const sample = () => {
    for (const p of backends()) {
      const seconds = cpuSecondsOf(p);
      if (seconds > 0) last.set(p, seconds);
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      let postgres = 0;
      for (const [p, seconds] of last) postgres += seconds - (first.get(p) ?? 0);
      return { process: cpuSecondsOf(pid) - processStart, postgres };
    },
  };
}
