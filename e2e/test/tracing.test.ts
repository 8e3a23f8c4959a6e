import { freePort, waitFor, waitUntilOk } from '@sozialraum/kit/testing';
import { need, type Receiver, startReceiver, startTracedPlatform, type TracedPlatform } from './support/traced-platform';

/**
 * One request is one trace: a cycle started with a `traceparent` header is followed, in a real Zipkin (the
 * local trace view, from Maven Central), through the strategy service, its database, Temporal's workflow
 * and activities in the worker, and the monitoring service they call.
 */
interface ZipkinSpan {
  id: string;
  parentId?: string;
  name: string;
  kind?: string;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

describe('traces through the platform', () => {
  let zipkinUrl: string;
  let zipkin: Receiver | undefined;
  let platform: TracedPlatform | undefined;

  beforeAll(async () => {
    // Zipkin's server, in memory, on a port of its own; it starts while the database is prepared: it takes the longest.
    const port = await freePort();
    zipkinUrl = `http://127.0.0.1:${port}`;
    zipkin = startReceiver(process.env.JAVA_BIN ?? 'java', ['-Xmx384m', '-jar', need('ZIPKIN_JAR'), `--armeria.ports[0].ip=127.0.0.1`, `--armeria.ports[0].port=${port}`, '--armeria.ports[0].protocols=http'], {
      STORAGE_TYPE: 'mem',
    });
    platform = await startTracedPlatform('sozialraum_traces', { OTEL_TRACES_EXPORTER: 'zipkin', OTEL_EXPORTER_ZIPKIN_ENDPOINT: `${zipkinUrl}/api/v2/spans` }, () =>
      waitUntilOk(`${zipkinUrl}/health`, 90_000),
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await zipkin?.stop();
  });

  test('when a planner starts a cycle with a traceparent, then Zipkin shows one trace through strategy, PostgreSQL, the workflow, its activities and monitoring', async () => {
    const { traceId, parentSpan } = await platform!.startTracedCycle();

    // The worker's activities run after the answer: wait until their spans (and monitoring's) have arrived
    // (createTask is the analysis phase's last activity of this request, its notification's delivery the last job).
    let spans: ZipkinSpan[] = [];
    const named = (pattern: RegExp, service?: string) => spans.filter((s) => pattern.test(s.name) && (!service || s.localEndpoint?.serviceName === service));
    await waitFor(
      async () => {
        const found = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
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
      const names = (await (await fetch(`${zipkinUrl}/api/v2/spans?serviceName=${service}`)).json()) as string[];
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => /getnextjob|movestalled|health|metrics/i.test(name))).toEqual([]);
    }

    // Logs lead to the trace: strategy's request line carries the trace's ID.
    const strategyLogs = platform!.started[1]!.logs;
    expect(strategyLogs.find((line) => line.route === '/v1/cycles' && line.method === 'POST')).toMatchObject({ trace_id: traceId, status: 201 });
  });
});
