import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface StartedProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<[number | null, string | null]>;
  /** The process's JSON log lines, parsed as they arrive. */
  logs: Array<Record<string, unknown>>;
  /** Everything it printed, log lines or not. */
  output: () => string;
}

/**
 * util-linux's setpriv (in every Debian) makes the kernel kill the child when this process dies, even by
 * SIGKILL, where no exit handler runs: a killed test run or benchmark leaves no service behind.
 */
const SETPRIV = '/usr/bin/setpriv';
const dyingWithParent = (command: string, args: string[]): [string, string[]] =>
  existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'KILL', command, ...args]] : [command, args];

/** Starts a built entry point as its own process on a free port, as `npm start` and Kubernetes do. */
export async function startProcess(entry: string, env: NodeJS.ProcessEnv = {}, portVariable = 'PORT'): Promise<StartedProcess> {
  const port = await freePort();
  const child = spawn(...dyingWithParent(process.execPath, [entry]), {
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', [portVariable]: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let output = '';
  // A line may arrive in several chunks: keep each stream's unfinished last line until its newline comes.
  const collector = () => {
    let pending = '';
    return (chunk: Buffer) => {
      output += chunk.toString();
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        try {
          logs.push(JSON.parse(line));
        } catch {
          // not a log line
        }
      }
    };
  };
  child.stdout?.on('data', collector());
  child.stderr?.on('data', collector());
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  return { child, url: `http://127.0.0.1:${port}`, exited, logs, output: () => output };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls until the URL answers 200. */
export function waitUntilOk(url: string, timeoutMs = 60_000): Promise<void> {
  return waitFor(() => fetch(url).then((r) => r.status === 200, () => false), timeoutMs, `${url} answering 200`);
}

/**
 * A database of its own for a test file that must not share state (recreated on every run), with PostGIS;
 * returns its URL for the application role. Needs DATABASE_ADMIN_URL (the local stack sets it).
 */
export async function createTestDatabase(name: string): Promise<string> {
  const admin = new URL(process.env.DATABASE_ADMIN_URL ?? '');
  const app = new URL(process.env.DATABASE_URL ?? '');
  if (!admin.host || !app.host) throw new Error('DATABASE_ADMIN_URL and DATABASE_URL are needed: run the tests with "npm test".');
  const run = async (database: string, sql: string[]) => {
    const client = new pg.Client({ connectionString: Object.assign(new URL(admin), { pathname: `/${database}` }).toString() });
    await client.connect();
    try {
      for (const statement of sql) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run('postgres', [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name} OWNER ${decodeURIComponent(app.username)}`]);
  await run(name, ['CREATE EXTENSION IF NOT EXISTS postgis']);
  return Object.assign(new URL(app), { pathname: `/${name}` }).toString();
}

/**
 * The `part` of each "closed" log line, in the order the parts closed (by the `order` each line carries:
 * lines of one process can reach the test's pipe out of order under load, and share a millisecond).
 */
export function closedParts(process: StartedProcess): string[] {
  return process.logs
    .filter((l) => l.msg === 'closed')
    .sort((a, b) => Number(a.order) - Number(b.order))
    .map((l) => String(l.part));
}
