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

/** A PostgreSQL backend's title names its database: "postgres: user database host(port) COMMAND". */
function servesDatabase(pid: number, database: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(' ')[2] === database;
  } catch {
    return false;
  }
}

export interface CpuSeconds {
  /** The process sampled (the service, or this benchmark itself). */
  process: number;
  /** The stack's PostgreSQL: the postmaster and every backend, or only the backends serving `database`. */
  postgres: number;
}

export interface CpuSampler {
  /** CPU seconds used since the sampler started, so far (read before and after a run: the difference is the run's). */
  read(): CpuSeconds;
  /** Ends the sampling; CPU seconds used since the sampler started. */
  stop(): CpuSeconds;
}

/**
 * CPU seconds of a process and of the stack's PostgreSQL from now on: what one request costs, whatever share of
 * the machine the other processes leave it. PostgreSQL is the postmaster and all its backends, or, given a
 * `database`, only the backends serving it (not other databases', nor autovacuum's). Backends are sampled every
 * `everyMs`, so that one ending meanwhile (a pool closing idle connections) keeps what it had used by its last
 * sample.
 */
export function cpuSampler(pid: number, options: { database?: string; everyMs?: number } = {}): CpuSampler {
  const { database, everyMs = 100 } = options;
  const postmaster = postmasterPid();
  const postgresProcesses = (): number[] => {
    if (!postmaster) return [];
    const children = childrenOf(postmaster);
    return database === undefined ? [postmaster, ...children] : children.filter((p) => servesDatabase(p, database));
  };
  const first = new Map(postgresProcesses().map((p) => [p, cpuSecondsOf(p)]));
  const last = new Map(first);
  const processStart = cpuSecondsOf(pid);
  const sample = () => {
    for (const p of postgresProcesses()) {
      const seconds = cpuSecondsOf(p);
      if (seconds > 0) last.set(p, seconds);
    }
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  const read = (): CpuSeconds => {
    sample();
    let postgres = 0;
    for (const [p, seconds] of last) postgres += seconds - (first.get(p) ?? 0);
    return { process: cpuSecondsOf(pid) - processStart, postgres };
  };
  return {
    read,
    stop() {
      const used = read();
      clearInterval(timer);
      return used;
    },
  };
}
