/**
 * The inbox under load (issue 12): 10,000 open tasks over 5 departments and 500 cycles (as 500 running cycles
 * would leave), seeded with SQL into a database of the benchmark's own; the strategy service runs as its own
 * process. Prints requests/s and p99 of GET /v1/tasks for a department user (their 2,000 tasks) and a planner
 * (every department's), each next to GET /v1/me of the same process in the same run, as ratios (medians of
 * BENCH_ROUNDS interleaved rounds, see harness.ts `compare`), with browser-like requests (gzip offered).
 * Run: npm run bench -- inbox
 */
import { createPool, type Pool } from '@sozialraum/kit/db';
import { stackEnv, userToken } from '@sozialraum/kit/testing';
import { compare, LOAD, reportComparison, ROUND_SECONDS, ROUNDS } from './harness';
import { benchDatabase, startBuilt, stop } from './platform';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const CYCLES = 500;
const DATABASE = 'sozialraum_bench_inbox';
const DEPARTMENTS = ['soziales', 'jugend', 'gesundheit', 'wohnen', 'stadtplanung'];

/** Open tasks as the workflows write them: a context, candidate groups of one department, due dates spread. */
async function seed(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO cycle (id, space_code, number, status, phase, started_by)
     SELECT 'bench-' || i, 'BENCH' || i, 1, 'running', 'measure-development', 'bench' FROM generate_series(1, $1::int) i`,
    [CYCLES],
  );
  await pool.query(
    `INSERT INTO task (id, cycle_id, key, type, phase, space_code, candidate_groups, department, status, created_at, due_at, context)
     SELECT 'bench-' || (i % $3 + 1) || '/propose-' || i, 'bench-' || (i % $3 + 1), 'propose-' || i, 'propose-measures', 'measure-development',
            'BENCH' || (i % $3 + 1), ARRAY['group:/departments/' || ($1::text[])[i % 5 + 1]], ($1::text[])[i % 5 + 1], 'open',
            now() - (i % 20) * interval '1 day', now() + (i % 30) * interval '1 day',
            jsonb_build_object('spaceName', 'Benchmark ' || i, 'analysis', jsonb_build_object('summary', repeat('Befund ', 20)))
       FROM generate_series(1, $2::int) i`,
    [DEPARTMENTS, TASKS, CYCLES],
  );
  await pool.query('ANALYZE cycle; ANALYZE task');
}

async function main(): Promise<void> {
  const DATABASE_URL = await benchDatabase(DATABASE, ['strategy']);
  // Seeding runs minutes on a loaded machine: no statement timeout.
  const pool = createPool({ connectionString: DATABASE_URL, schema: 'strategy', max: 2, statementTimeoutMs: 0 });
  try {
    await seed(pool);
    process.stdout.write(
      `inbox benchmark: ${TASKS} open tasks in ${CYCLES} cycles; load: ${LOAD.connections} connections, ${ROUNDS} interleaved rounds of ${ROUND_SECONDS} s, strategy service as its own process\n`,
    );
    // Pages as people meet them (asked again before a task changed: from the cache), and computed afresh for
    // every request (INBOX_CACHE_ENTRIES=0), as right after each change.
    for (const [label, cacheEntries] of [['cached', '500'], ['computed every time', '0']] as const) {
      const strategy = await startBuilt('services/strategy/dist/index.js', {
        DATABASE_URL,
        CYCLE_TASK_QUEUE: `bench-inbox-${process.pid}`,
        KEYCLOAK_CLIENT_SECRET: stackEnv('KEYCLOAK_SECRET_STRATEGY'),
        RUN_JOBS: 'false',
        INBOX_CACHE_ENTRIES: cacheEntries,
      });
      for (const [who, user, path, expected] of [
        [`department user (${TASKS / 5} of ${TASKS})`, 'soziales', '/v1/tasks?scope=groups&status=open', TASKS / 5],
        [`planner (all ${TASKS})`, 'planer', '/v1/tasks?scope=all&status=open', TASKS],
      ] as const) {
        const page = (await fetch(`${strategy.url}${path}`, { headers: { authorization: `Bearer ${await userToken(user)}` } }).then((r) => r.json())) as { total: number };
        if (page.total !== expected) throw new Error(`the inbox of ${user} holds ${page.total} tasks, expected ${expected}`);
        const comparison = await compare({ name: `inbox, ${who}`, baselineUrl: `${strategy.url}/v1/me`, targetUrl: `${strategy.url}${path}`, token: () => userToken(user), pid: strategy.child.pid, database: DATABASE });
        reportComparison(`inbox ${label}, ${who}`, comparison, 'GET /v1/me');
      }
      await stop([strategy]);
    }
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
