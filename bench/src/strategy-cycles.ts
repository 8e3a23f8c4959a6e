/**
 * Strategy benchmark (issue 4): 200 cycles running at once; the time from completing a task through the
 * API until the next task shows in the inbox (p50, p99), next to a bare Temporal signal → activity →
 * database round trip measured in the same run; and the inbox throughput of a department user next to a
 * bare endpoint of the same service. Run: npm run bench -- strategy
 */
import { performance } from 'node:perf_hooks';
import { createLogger } from '@sozialraum/kit';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { createTemporalWorker } from '@sozialraum/kit/temporal';
import { call, freePort, stackEnv, userToken, waitFor } from '@sozialraum/kit/testing';
import { Client, Connection } from '@temporalio/client';
import { load, percentile, report } from './harness';
import { benchDatabase, inParallel, startBuilt, stop } from './platform';
import { type CompletionTimes, printBreakdown } from './strategy-breakdown';
import { createRoundTripActivities } from './round-trip/activities';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 200);
const POLL_MS = 10;
/**
 * Completions measured at a time. All cycles run at once; measuring all 200 completions at the same
 * instant would make 200 clients poll every 10 ms, and the benchmark would measure its own polling storm.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Cycles started at a time in the setup, as a coordinator starting cycles for many spaces would. */
const START_CONCURRENCY = Number(process.env.BENCH_START_CONCURRENCY ?? 24);

/**
 * Completions measured (BENCH_SAMPLES, default all): with 1,000 cycles running, a sample spread over them
 * tells the same, and the bare round trip measures as many of its as many workflows.
 */
const SAMPLES = Math.min(CYCLES, Number(process.env.BENCH_SAMPLES ?? CYCLES));
const sample = <T>(items: T[]): T[] => items.filter((_, i) => Math.floor((i * SAMPLES) / items.length) !== Math.floor(((i - 1) * SAMPLES) / items.length));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pollUntil(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(POLL_MS);
  }
}

/** A user's token, renewed every minute: a run on a busy machine outlasts Keycloak's 5-minute tokens. */
function renewedToken(username: string): () => Promise<string> {
  let token: Promise<string> | undefined;
  let fetchedAt = 0;
  return () => {
    if (!token || Date.now() - fetchedAt > 60_000) {
      token = userToken(username);
      fetchedAt = Date.now();
    }
    return token;
  };
}

/** Setup of the benchmark (not measured): what it took, so a slow start shows where it went. */
const setupStep = (what: string, since: number, durations?: number[]) =>
  process.stdout.write(
    `  setup: ${what} in ${((performance.now() - since) / 1000).toFixed(1)} s${durations ? ` (each: p50 ${percentile(durations, 50).toFixed(0)} ms, p99 ${percentile(durations, 99).toFixed(0)} ms)` : ''}\n`,
  );

/** Completion → next task visible in the inbox, once per cycle, all cycles at once (with each one's timestamps). */
async function cycleLatencies(strategyUrl: string, pool: Pool, spaces: string[]): Promise<CompletionTimes[]> {
  const plannerToken = renewedToken('planer');
  const inbox = async (space: string, type: string) =>
    call(`${strategyUrl}/v1/tasks?scope=all&space=${space}&type=${type}&status=open`, { token: await plannerToken() });
  let since = performance.now();
  const starts = await inParallel(spaces, START_CONCURRENCY, async (spaceCode) => {
    const t0 = performance.now();
    const started = await call(`${strategyUrl}/v1/cycles`, { token: await plannerToken(), method: 'POST', body: { spaceCode } });
    if (started.status !== 201) throw new Error(`start ${spaceCode}: ${started.status} ${JSON.stringify(started.body)}`);
    return performance.now() - t0;
  });
  setupStep(`${spaces.length} cycles started, ${START_CONCURRENCY} at a time`, since, starts);
  since = performance.now();
  // Setup, not a figure: read the read model directly instead of asking the inbox once per space.
  const analysisTasks = new Map<string, string>();
  await waitFor(async () => {
    const { rows } = await pool.query<{ id: string; space: string }>(
      `SELECT id, space_code AS space FROM task WHERE type = 'review-analysis' AND status = 'open' AND space_code = ANY($1)`,
      [spaces],
    );
    for (const row of rows) analysisTasks.set(row.space, row.id);
    return analysisTasks.size === spaces.length;
  }, Math.max(300_000, CYCLES * 2_000), 'every analysis task in the inbox'); // a busy machine starts them slowly
  setupStep('every analysis task in the read model', since);

  return inParallel(sample(spaces), CONCURRENCY, async (space) => {
      const token = await plannerToken();
      const taskId = analysisTasks.get(space)!;
      const sent = Date.now();
      const done = await call(`${strategyUrl}/v1/tasks/${encodeURIComponent(taskId)}/complete`, {
        token,
        method: 'POST',
        body: { result: { summary: 'Benchmark' } },
      });
      if (done.status !== 200) throw new Error(`complete ${space}: ${done.status} ${JSON.stringify(done.body)}`);
      const answered = Date.now();
      await pollUntil(async () => ((await inbox(space, 'document-participation')).body.total ?? 0) > 0);
      return { cycleId: taskId.slice(0, taskId.lastIndexOf('/')), sent, answered, visible: Date.now() };
  });
}

const ROUND_TRIP_NAMESPACE = 'default';

/** Signal → activity → row visible, once per workflow, all workflows at once: the bare Temporal path. */
async function roundTripLatencies(pool: Pool, count: number): Promise<{ latencies: number[]; workflowIds: string[] }> {
  const logger = createLogger({ name: 'bench', level: 'warn' });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_round_trip (id text, n integer, PRIMARY KEY (id, n))');
  const taskQueue = `bench-round-trip-${process.pid}`;
  const { worker, connection } = await createTemporalWorker({
    address: stackEnv('TEMPORAL_ADDRESS'),
    namespace: ROUND_TRIP_NAMESPACE,
    logger,
    worker: { taskQueue, workflowsPath: require.resolve('./round-trip/workflow'), activities: createRoundTripActivities(pool) },
  });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const client = new Client({ connection: clientConnection });
  try {
    const ids = Array.from({ length: count }, (_, i) => `rt-${process.pid}-${i}`);
    const handles = await inParallel(ids, 20, (id) => client.workflow.start('roundTrip', { taskQueue, workflowId: id, args: [id, 2] }));
    // A first round warms each workflow up, as the cycles were warmed up by their analysis phase.
    const round = (n: number) =>
      inParallel(sample(handles), CONCURRENCY, async (handle) => {
        const t0 = performance.now();
        await handle.signal('ping', n);
        await pollUntil(async () => (await pool.query('SELECT 1 FROM bench_round_trip WHERE id = $1 AND n = $2', [handle.workflowId, n])).rowCount === 1);
        return performance.now() - t0;
      });
    await round(1);
    return { latencies: await round(2), workflowIds: sample(handles).map((h) => h.workflowId) };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await clientConnection.close();
  }
}

/** Open tasks for every department, so the inbox query has a realistic table to search. */
async function seedInbox(pool: Pool): Promise<void> {
  const departments = ['soziales', 'jugend', 'gesundheit', 'wohnen', 'stadtplanung'];
  await pool.query(
    `INSERT INTO cycle (id, space_code, number, status, phase, started_by)
     SELECT 'seed-' || i, 'SEED' || i, 1, 'running', 'measure-development', 'bench' FROM generate_series(1, 100) i
     ON CONFLICT DO NOTHING`,
  );
  await pool.query(
    `INSERT INTO task (id, cycle_id, key, type, phase, space_code, candidate_groups, department, status, created_at, due_at)
     SELECT 'seed-' || i || '/propose', 'seed-' || (i % 100 + 1), 'propose-' || i, 'propose-measures', 'measure-development',
            'SEED' || (i % 100 + 1), ARRAY['group:/departments/' || ($1::text[])[i % 5 + 1]], ($1::text[])[i % 5 + 1], 'open',
            now(), now() + (i % 30) * interval '1 day'
       FROM generate_series(1, 5000) i
     ON CONFLICT DO NOTHING`,
    [departments],
  );
}

/**
 * Ends the workflows the run left running (its cycles wait for tasks nobody completes), so the next run's
 * Temporal does not carry them: a batch job on the server, by task queue.
 */
async function terminateLeftovers(taskQueues: string[]): Promise<void> {
  const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  try {
    await connection.workflowService.startBatchOperation({
      namespace: stackEnv('TEMPORAL_NAMESPACE'),
      jobId: `bench-cleanup-${process.pid}-${Date.now()}`,
      reason: 'strategy benchmark finished',
      visibilityQuery: `ExecutionStatus = "Running" AND TaskQueue IN (${taskQueues.map((q) => `"${q}"`).join(', ')})`,
      terminationOperation: {},
    });
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const DATABASE_URL = await benchDatabase('sozialraum_bench_strategy', ['monitoring', 'strategy']);
  const pool = createPool({ connectionString: DATABASE_URL, schema: 'strategy' });
  const taskQueue = `bench-cycles-${process.pid}`;
  const monitoring = await startBuilt('services/monitoring/dist/index.js', { DATABASE_URL, CYCLE_TASK_QUEUE: taskQueue });
  const worker = await startBuilt(
    'workflows/dist/worker.js',
    // Its Temporal metrics on a free port too: npm start's worker holds the default one.
    {
      TASK_QUEUE: taskQueue,
      TEMPORAL_METRICS_PORT: String(await freePort()),
      // A tree from before issue 11 (BENCH_ROOT): its worker wrote the read model and called monitoring itself.
      ...(process.env.BENCH_ROOT ? { DATABASE_URL, MONITORING_URL: monitoring.url, KEYCLOAK_CLIENT_SECRET: stackEnv('KEYCLOAK_SECRET_WORKFLOWS') } : {}),
    },
    'HEALTH_PORT',
  );
  const strategy = await startBuilt('services/strategy/dist/index.js', {
    DATABASE_URL,
    CYCLE_TASK_QUEUE: taskQueue,
    MONITORING_URL: monitoring.url,
    KEYCLOAK_CLIENT_SECRET: stackEnv('KEYCLOAK_SECRET_STRATEGY'),
    // A latency benchmark on a busy machine: a slow completion is a figure, not a 503 that ends the run.
    TEMPORAL_TIMEOUT_MS: '60000',
    COMPLETION_LEASE_MS: '120000',
  });
  try {
    const run = Date.now().toString(36).toUpperCase();
    const spaces = Array.from({ length: CYCLES }, (_, i) => `B${run}${String(i).padStart(3, '0')}`);
    process.stdout.write(
      `strategy benchmark: ${CYCLES} cycles running at once, ${SAMPLES} completions measured, ${CONCURRENCY} at a time, poll every ${POLL_MS} ms, load ${LOAD_SECONDS} s per endpoint\n`,
    );
    // A cycle starts only for a space monitoring knows.
    const planner = renewedToken('planer');
    const since = performance.now();
    await inParallel(spaces, START_CONCURRENCY, async (code) => {
      const created = await call(`${monitoring.url}/v1/spaces`, { token: await planner(), method: 'POST', body: { code, name: `Benchmark ${code}`, type: 'social-space' } });
      if (created.status !== 201) throw new Error(`space ${code}: ${created.status} ${JSON.stringify(created.body)}`);
    });
    setupStep(`${CYCLES} spaces created in monitoring`, since);
    const completions = await cycleLatencies(strategy.url, pool, spaces);
    const cycles = completions.map((c) => c.visible - c.sent);
    const { latencies: bare, workflowIds } = await roundTripLatencies(pool, CYCLES);
    report('completion → next task in inbox, p50', percentile(cycles, 50), percentile(bare, 50), 'ms', 'signal→activity→db p50');
    report('completion → next task in inbox, p99', percentile(cycles, 99), percentile(bare, 99), 'ms', 'signal→activity→db p99');
    if (process.env.BENCH_BREAKDOWN === '1') await printBreakdown(completions, { namespace: ROUND_TRIP_NAMESPACE, workflowIds });

    await seedInbox(pool);
    const token = await userToken('soziales');
    const inbox = await load({ url: `${strategy.url}/v1/tasks?scope=groups&status=open`, token, seconds: LOAD_SECONDS });
    const me = await load({ url: `${strategy.url}/v1/me`, token, seconds: LOAD_SECONDS });
    report('inbox (department user) throughput', inbox.requestsPerSecond, me.requestsPerSecond, 'req/s', 'GET /v1/me');
    report('inbox (department user) p99 latency', inbox.p99Ms, me.p99Ms, 'ms', 'GET /v1/me');
    if (inbox.non2xx + me.non2xx + inbox.errors + me.errors > 0) process.stdout.write(`warning: ${inbox.non2xx + me.non2xx} non-2xx, ${inbox.errors + me.errors} errors\n`);
  } finally {
    await stop([strategy, worker, monitoring]);
    await terminateLeftovers([taskQueue, `bench-round-trip-${process.pid}`]).catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`));
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
