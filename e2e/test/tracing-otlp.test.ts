import { freePort, waitFor, waitUntilOk } from '@sozialraum/kit/testing';
import { need, type Receiver, startReceiver, startTracedPlatform, type TracedPlatform } from './support/traced-platform';

/**
 * Production's path: the processes export OTLP (HTTP with protobuf, as to the city's collector, with its
 * credentials in OTEL_EXPORTER_OTLP_HEADERS) to a real OTLP receiver, Jaeger v2 (built from its Go module,
 * scripts/lib.sh), and one cycle start is followed by its trace ID in Jaeger's query API.
 */
interface JaegerSpan {
  spanID: string;
  operationName: string;
  references: Array<{ refType: string; traceID: string; spanID: string }>;
  tags: Array<{ key: string; value: unknown }>;
  processID: string;
}

interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: Array<{ key: string; value: unknown }> }>;
}

/** Only the OTLP/HTTP receiver, behind basic auth, into memory, and the query API; every port a free one. */
function jaegerConfig(ports: { otlp: number; query: number; queryGrpc: number; health: number }, credentials: string): string {
  return `
service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2, basicauth/otlp]
  pipelines:
    traces: { receivers: [otlp], exporters: [jaeger_storage_exporter] }
  telemetry:
    metrics: { level: none }
    logs: { level: warn }
extensions:
  basicauth/otlp: { htpasswd: { inline: "${credentials}" } }
  healthcheckv2: { use_v2: true, http: { endpoint: "127.0.0.1:${ports.health}" } }
  jaeger_storage: { backends: { memory_store: { memory: { max_traces: 10000 } } } }
  jaeger_query:
    storage: { traces: memory_store }
    http: { endpoint: "127.0.0.1:${ports.query}" }
    grpc: { endpoint: "127.0.0.1:${ports.queryGrpc}" }
receivers:
  otlp:
    protocols:
      http: { endpoint: "127.0.0.1:${ports.otlp}", auth: { authenticator: basicauth/otlp } }
exporters:
  jaeger_storage_exporter: { trace_storage: memory_store }
`;
}

describe('traces exported by OTLP', () => {
  const environment = `otlp-test-${Date.now().toString(36)}`;
  let queryUrl: string;
  let otlpUrl: string;
  let jaeger: Receiver | undefined;
  let platform: TracedPlatform | undefined;

  beforeAll(async () => {
    const ports = { otlp: await freePort(), query: await freePort(), queryGrpc: await freePort(), health: await freePort() };
    queryUrl = `http://127.0.0.1:${ports.query}`;
    otlpUrl = `http://127.0.0.1:${ports.otlp}`;
    const credentials = 'sozialraum:otlp-test-secret';
    jaeger = startReceiver(need('JAEGER_BIN'), ['--config', 'env:JAEGER_CONFIG'], { JAEGER_CONFIG: jaegerConfig(ports, credentials) });
    platform = await startTracedPlatform(
      'sozialraum_traces_otlp',
      {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Basic ${Buffer.from(credentials).toString('base64')}`,
        OTEL_RESOURCE_ATTRIBUTES: `deployment.environment=${environment}`,
      },
      () => waitUntilOk(`http://127.0.0.1:${ports.health}/status`, 60_000),
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await jaeger?.stop();
  });

  test('when a planner starts a cycle with a traceparent, then Jaeger has its trace through strategy, PostgreSQL, the workflow and its activities in strategy and monitoring', async () => {
    const { traceId, parentSpan } = await platform!.startTracedCycle();

    // Two activities of the cycle's start, each run by the service whose data it touches.
    const activities = [
      ['recordCycle', 'strategy'],
      ['snapshotSpace', 'monitoring'],
    ] as const;
    let trace: JaegerTrace | undefined;
    const serviceOf = (span: JaegerSpan | undefined) => (span ? trace?.processes[span.processID]?.serviceName : undefined);
    const named = (pattern: RegExp, service: string) => (trace?.spans ?? []).filter((s) => pattern.test(s.operationName) && serviceOf(s) === service);
    const parentOf = (span: JaegerSpan) => span.references.find((r) => r.refType === 'CHILD_OF')?.spanID;
    const tag = (span: JaegerSpan, key: string) => span.tags.find((t) => t.key === key)?.value;
    await waitFor(
      async () => {
        const found = await fetch(`${queryUrl}/api/traces/${traceId}`);
        trace = found.ok ? ((await found.json()) as { data: JaegerTrace[] }).data[0] : undefined;
        // An activity's StartActivity span ends (and leaves) when the workflow has its result: after the run's spans.
        return activities.every(([activity, service]) => named(new RegExp(`^runactivity:${activity}$`, 'i'), service).length > 0 && named(new RegExp(`^startactivity:${activity}$`, 'i'), 'worker').length > 0);
      },
      30_000,
      `the trace ${traceId} in Jaeger with the activities' spans`,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; it has: ${(trace?.spans ?? []).map((s) => `${serviceOf(s)}: ${s.operationName}`).join(', ')}`);
    });

    const byId = new Map(trace!.spans.map((s) => [s.spanID, s]));
    // strategy's HTTP span continues the caller's, and its database work is in the same trace.
    const server = named(/^post \/v1\/cycles$/i, 'strategy');
    expect(server).toHaveLength(1);
    expect(parentOf(server[0]!)).toBe(parentSpan);
    expect(trace!.spans.some((s) => serviceOf(s) === 'strategy' && tag(s, 'db.system') === 'postgresql')).toBe(true);
    // strategy starts the workflow; the worker schedules the activities; strategy and monitoring run them.
    expect(named(/^startworkflow:strategycycle$/i, 'strategy')).toHaveLength(1);
    for (const [activity, service] of activities) {
      const runs = named(new RegExp(`^runactivity:${activity}$`, 'i'), service);
      expect(runs.map((s) => [serviceOf(byId.get(parentOf(s) ?? '')), byId.get(parentOf(s) ?? '')?.operationName.toLowerCase()])).toContainEqual([
        'worker',
        `startactivity:${activity.toLowerCase()}`,
      ]);
    }
    // OTEL_RESOURCE_ATTRIBUTES reach the receiver with each process's spans.
    const processes = Object.values(trace!.processes);
    expect(new Set(processes.map((p) => p.serviceName))).toEqual(new Set(['strategy', 'worker', 'monitoring']));
    for (const p of processes) expect(p.tags).toContainEqual(expect.objectContaining({ key: 'deployment.environment', value: environment }));
    // The receiver takes spans only with the credentials: the processes sent OTEL_EXPORTER_OTLP_HEADERS.
    const anonymous = await fetch(`${otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: new Uint8Array() });
    expect(anonymous.status).toBe(401);
  });
});
