import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { call, createTestDatabase, freePort, startProcess, type StartedProcess, userToken, waitFor, waitUntilOk } from '@sozialraum/kit/testing';
import { createTemporalClient } from '@sozialraum/kit/temporal';

/**
 * One request is one trace: a cycle started with a `traceparent` header is followed, in a real Zipkin (the
 * local trace view, from Maven Central), through the strategy service, its database, Temporal's workflow
 * and activities in the worker, and the monitoring service they call.
 */
const root = join(__dirname, '..', '..');

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test", which starts the local stack and fetches Zipkin.`);
  return value;
}

interface ZipkinSpan {
  id: string;
  parentId?: string;
  name: string;
  kind?: string;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

describe('traces through the platform', () => {
  const run = Date.now().toString(36);
  const traceId = randomBytes(16).toString('hex');
  const spaceCode = `TRACE-${run}`;
  const taskQueue = `traces-${run}`;
  const started: StartedProcess[] = [];
  let zipkin: { url: string; stop: () => Promise<void> } | undefined;
  let urls: { monitoring: string; strategy: string };

  /** Zipkin's server, in memory, on a port of its own; stopped in afterAll whatever happened. */
  async function startZipkin(): Promise<void> {
    const port = await freePort();
    const child = spawn(process.env.JAVA_BIN ?? 'java', ['-Xmx384m', '-jar', need('ZIPKIN_JAR'), `--armeria.ports[0].ip=127.0.0.1`, `--armeria.ports[0].port=${port}`, '--armeria.ports[0].protocols=http'], {
      env: { ...process.env, STORAGE_TYPE: 'mem' },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    zipkin = {
      url: `http://127.0.0.1:${port}`,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  }

  beforeAll(async () => {
    await startZipkin(); // starts while the database is prepared: it takes the longest
    const env = {
      DATABASE_URL: await createTestDatabase('sozialraum_traces'),
      REDIS_PREFIX: `traces-${run}`,
      LOG_LEVEL: 'info',
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkin!.url}/api/v2/spans`,
      // Spans leave every 200 ms instead of every 5 s, so the test need not wait long.
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    for (const service of ['monitoring', 'strategy']) {
      execFileSync(process.execPath, [join(root, `services/${service}/dist/migrate.js`)], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const start = async (entry: string, own: Record<string, string>, portVariable?: string) => {
      const process = await startProcess(join(root, entry), { ...env, ...own }, portVariable);
      started.push(process);
      return process.url;
    };
    const monitoring = await start('services/monitoring/dist/index.js', { CYCLE_TASK_QUEUE: taskQueue });
    const strategy = await start('services/strategy/dist/index.js', { KEYCLOAK_CLIENT_SECRET: need('KEYCLOAK_SECRET_STRATEGY'), MONITORING_URL: monitoring, CYCLE_TASK_QUEUE: taskQueue });
    await start('workflows/dist/worker.js', { TASK_QUEUE: taskQueue, TEMPORAL_METRICS_PORT: '0' }, 'HEALTH_PORT');
    urls = { monitoring, strategy };
    await Promise.all([...started.map((p) => waitUntilOk(`${p.url}/health/ready`, 90_000)), waitUntilOk(`${zipkin!.url}/health`, 90_000)]);
  }, 120_000);

  afterAll(async () => {
    const { client, closable } = createTemporalClient({ address: need('TEMPORAL_ADDRESS'), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    await client.workflow.getHandle(`cycle-${spaceCode}-1`).terminate('tracing test done').catch(() => undefined);
    await closable.close();
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(started.map((p) => p.exited));
    await zipkin?.stop();
  });

  test('when a planner starts a cycle with a traceparent, then Zipkin shows one trace through strategy, PostgreSQL, the workflow, its activities and monitoring', async () => {
    const token = await userToken('planer');
    const space = await call(`${urls.monitoring}/v1/spaces`, { token, method: 'POST', body: { code: spaceCode, name: `Spurraum ${run}`, type: 'social-space' } });
    expect(space.status).toBe(201);

    const parentSpan = randomBytes(8).toString('hex');
    const response = await call(`${urls.strategy}/v1/cycles`, { token, method: 'POST', body: { spaceCode }, headers: { traceparent: `00-${traceId}-${parentSpan}-01` } });
    expect(response.status).toBe(201);

    // The worker's activities run after the answer: wait until their spans (and monitoring's) have arrived
    // (createTask is the analysis phase's last activity of this request, its notification's delivery the last job).
    let spans: ZipkinSpan[] = [];
    const named = (pattern: RegExp, service?: string) => spans.filter((s) => pattern.test(s.name) && (!service || s.localEndpoint?.serviceName === service));
    await waitFor(
      async () => {
        const found = await fetch(`${zipkin!.url}/api/v2/trace/${traceId}`);
        spans = found.ok ? ((await found.json()) as ZipkinSpan[]) : [];
        // An activity's StartActivity span ends when the workflow has its result: after the activity's own spans.
        return named(/^startactivity:createtask$/i, 'worker').length > 0 && named(/^process notifications$/i, 'strategy').length > 0 && named(/^runactivity:snapshotspace$/i, 'monitoring').length > 0;
      },
      30_000,
      `the trace ${traceId} in Zipkin with the worker's and monitoring's spans`,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; it has: ${spans.map((s) => `${s.localEndpoint?.serviceName}: ${s.name}`).join(', ')}`);
    });

    const byId = new Map(spans.map((s) => [s.id, s]));
    const serviceOf = (span: ZipkinSpan | undefined) => span?.localEndpoint?.serviceName;
    // strategy's HTTP span, named by its route, continues the caller's span.
    const server = named(/^post \/v1\/cycles$/i, 'strategy');
    expect(server).toHaveLength(1);
    expect(server[0]!.parentId).toBe(parentSpan);
    // Its database work, in the same trace.
    expect(spans.some((s) => serviceOf(s) === 'strategy' && s.tags?.['db.system'] === 'postgresql')).toBe(true);
    // strategy asks monitoring whether the space exists: monitoring's span is a child of strategy's call.
    expect(spans.some((s) => serviceOf(s) === 'monitoring' && s.kind === 'SERVER' && serviceOf(byId.get(s.parentId ?? '')) === 'strategy')).toBe(true);
    // The Temporal client's start; the workflow schedules its activities (all below its run, whose span is still
    // open: it ends with the cycle), the services run them on their own queues, with their own database work and
    // queued notifications.
    expect(named(/^startworkflow:strategycycle$/i, 'strategy')).toHaveLength(1);
    const scheduled = named(/^startactivity:/i, 'worker');
    expect(scheduled.map((s) => s.name.toLowerCase())).toEqual(expect.arrayContaining(['startactivity:recordcycle', 'startactivity:snapshotspace']));
    const workflowRun = scheduled[0]!.parentId;
    expect(scheduled.every((s) => s.parentId === workflowRun)).toBe(true);
    const recordCycle = named(/^runactivity:recordcycle$/i, 'strategy');
    expect(recordCycle.map((s) => byId.get(s.parentId ?? '')?.name.toLowerCase())).toContain('startactivity:recordcycle');
    expect(spans.some((s) => serviceOf(s) === 'strategy' && s.tags?.['db.system'] === 'postgresql' && s.parentId === recordCycle[0]!.id)).toBe(true);
    // createTask hands the new task's notification to strategy's delivery jobs (BullMQ): the job, sent to
    // Redis by the activity, is processed by strategy's notification worker in the same trace.
    const added = named(/^addbulk notifications$/i, 'strategy');
    expect(added).toHaveLength(1);
    expect(spans.some((s) => serviceOf(s) === 'strategy' && s.tags?.['db.system'] === 'redis' && s.parentId === added[0]!.id)).toBe(true);
    const processed = named(/^process notifications$/i, 'strategy');
    expect(processed.map((s) => s.kind)).toEqual(['CONSUMER']);
    expect(spans.some((s) => serviceOf(s) === 'strategy' && s.tags?.['db.system'] === 'postgresql' && s.parentId === processed[0]!.id)).toBe(true);
    // Monitoring runs the snapshotSpace activity itself: its run hangs below the workflow's scheduling of it.
    const snapshot = named(/^runactivity:snapshotspace$/i, 'monitoring');
    expect(snapshot.map((s) => byId.get(s.parentId ?? '')?.name.toLowerCase())).toContain('startactivity:snapshotspace');
    // One tree: every span has its parent in the trace, but the caller's and the open workflow run.
    expect(spans.filter((s) => s.parentId !== parentSpan && s.parentId !== workflowRun && !byId.has(s.parentId ?? ''))).toEqual([]);

    // Workers' polling, probes and scrapes start no traces of their own.
    for (const service of ['monitoring', 'strategy', 'worker']) {
      const names = (await (await fetch(`${zipkin!.url}/api/v2/spans?serviceName=${service}`)).json()) as string[];
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => /getnextjob|movestalled|health|metrics/i.test(name))).toEqual([]);
    }

    // Logs lead to the trace: strategy's request line carries the trace's ID.
    const strategyLogs = started[1]!.logs;
    expect(strategyLogs.find((line) => line.route === '/v1/cycles' && line.method === 'POST')).toMatchObject({ trace_id: traceId, status: 201 });
  });
});
