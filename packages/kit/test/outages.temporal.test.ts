import { WorkflowNotFoundError } from '@temporalio/client';
import { AppError, runHealthChecks } from '../src';
import { createTemporalClient, temporalClientHealth } from '../src/temporal';
import { type FaultProxy, stackEnv, startFaultProxy } from '../src/testing';

/** Calls to Temporal through a fault proxy in front of the real frontend: each ends by its deadline. */
const TIMEOUT_MS = 700;
let proxy: FaultProxy;
let temporal: ReturnType<typeof createTemporalClient>;

const describeMissing = () => temporal.deadline(() => temporal.client.workflow.getHandle(`kit-outage-missing-${process.pid}`).describe());
const elapsed = async (work: () => Promise<unknown>) => {
  const started = Date.now();
  const outcome = await work().then(
    () => 'done',
    (error: unknown) => error,
  );
  return { outcome, ms: Date.now() - started };
};

beforeAll(async () => {
  const [host, port] = stackEnv('TEMPORAL_ADDRESS').split(':');
  proxy = await startFaultProxy({ host: host as string, port: Number(port) });
  temporal = createTemporalClient({ address: proxy.via(stackEnv('TEMPORAL_ADDRESS')), namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', timeoutMs: TIMEOUT_MS });
  await temporal.connection.ensureConnected(); // what is measured is a call, not the first connection on a busy machine
});
afterAll(async () => {
  await temporal.closable.close();
  await proxy.close();
});

test('when Temporal answers, then its own refusals pass unchanged', async () => {
  await expect(describeMissing()).rejects.toBeInstanceOf(WorkflowNotFoundError);
});

test('when Temporal stalls, then a call ends at its deadline with 503 and Retry-After, and the health check fails', async () => {
  proxy.stall();
  try {
    const stalled = await elapsed(describeMissing);
    expect(stalled.outcome).toBeInstanceOf(AppError);
    expect(stalled.outcome).toMatchObject({ status: 503, retryAfterSeconds: 1, extensions: { dependency: 'temporal' } });
    expect(stalled.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS + 2_000);
    const report = await runHealthChecks([temporalClientHealth(temporal.connection, 500)], 1_000);
    expect(report.dependencies[0]).toMatchObject({ name: 'temporal', up: false, essential: false });
  } finally {
    proxy.resume();
  }
});

test('when Temporal is down and comes back, then calls fail by the deadline meanwhile and work again without a new client', async () => {
  await proxy.down();
  try {
    const down = await elapsed(describeMissing);
    expect(down.outcome).toMatchObject({ status: 503 });
    expect(down.ms).toBeLessThan(TIMEOUT_MS + 2_000);
  } finally {
    await proxy.up();
  }
  let last: unknown;
  for (let attempt = 0; attempt < 30 && !(last instanceof WorkflowNotFoundError); attempt++) {
    last = (await elapsed(describeMissing)).outcome;
    if (!(last instanceof WorkflowNotFoundError)) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  expect(last).toBeInstanceOf(WorkflowNotFoundError);
});
