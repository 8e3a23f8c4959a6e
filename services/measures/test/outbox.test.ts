import { join } from 'node:path';
import { withTransaction } from '@sozialraum/kit/db';
import { startProcess, type StartedProcess, testLogger, waitFor, waitUntilOk } from '@sozialraum/kit/testing';
import { appendOutbox, type OutboxEvent } from '../src/data/outbox.repository';
import type { OutboxPublisher } from '../src/outbox/publisher';
import { startOutboxRelay } from '../src/outbox/relay';
import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

/**
 * The transactional outbox: events are written with the change, the relay is woken by NOTIFY at commit and
 * publishes in order; nothing is lost between commit and publish, and a rolled-back change leaves no event.
 * Other test files leave unpublished events behind (their relay is off): assertions look at this run's only.
 */
const run = runId();
const cycle = `cycle-OB${run}-1`;
const databaseUrl = process.env.DATABASE_URL as string;

function recorder(): OutboxPublisher & { events: OutboxEvent[] } {
  const events: OutboxEvent[] = [];
  return { events, publish: async (event) => void events.push(event) };
}

const ofAggregates = (events: OutboxEvent[], ids: readonly string[]) => events.filter((e) => ids.includes(e.aggregateId));
const increasing = (events: OutboxEvent[]) => events.every((e, i) => i === 0 || e.id > (events[i - 1] as OutboxEvent).id);

describe('the outbox with the relay in the service', () => {
  const published = recorder();
  let service: MeasuresService;

  beforeAll(async () => {
    // A slow sweep: what arrives within seconds came through LISTEN/NOTIFY.
    service = await startMeasures({ OUTBOX_SWEEP_MS: '600000' }, { publisher: published });
  });
  afterAll(() => service.close());

  test('when a status changes and a report is filed, then both events are published right after the commit', async () => {
    const measure = await propose(service, { cycleId: cycle, department: 'jugend' });
    await moveTo(service, measure.id, ['approved', 'in-progress']);
    await as(service, 'jugend').post(`/v1/measures/${measure.id}/reports`, { text: 'läuft', progress: 20, trafficLight: 'yellow' });
    await waitFor(() => ofAggregates(published.events, [measure.id]).length === 3, 5_000, 'three events');
    const events = ofAggregates(published.events, [measure.id]);
    expect(events.map((e) => e.type)).toEqual(['measure.status-changed', 'measure.status-changed', 'measure.report-filed']);
    expect(events[1]?.payload).toMatchObject({ measureId: measure.id, cycleId: cycle, department: 'jugend', from: 'approved', to: 'in-progress' });
    expect(events[2]?.payload).toMatchObject({ progress: 20, trafficLight: 'yellow' });
    // The relay marks an event published after the publisher returned, in its own statement: wait for that.
    const unpublished = async () =>
      (await service.deps.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND published_at IS NULL`, [measure.id])).rows[0].n as number;
    await waitFor(async () => (await unpublished()) === 0, 5_000, 'the events marked published');
    expect(await unpublished()).toBe(0);
  });

  test('when a transaction rolls back after writing an event, then the event does not exist and is never published', async () => {
    const ghost = `ghost-${run}`;
    await expect(
      withTransaction(service.deps.pool, async (client) => {
        await appendOutbox(client, { type: 'measure.status-changed', aggregateId: ghost, payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const marker = await propose(service, { cycleId: cycle });
    await moveTo(service, marker.id, ['approved']);
    await waitFor(() => ofAggregates(published.events, [marker.id]).length === 1, 5_000, 'the marker event');
    expect(published.events.filter((e) => e.aggregateId === ghost)).toEqual([]);
    const { rows } = await service.deps.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1`, [ghost]);
    expect(rows[0].n).toBe(0);
  });

  test('when the last measures of a cycle finish at the same moment, then "all measures finished" is published exactly once', async () => {
    const finishing = `cycle-OB${run}-2`;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const measure = await propose(service, { cycleId: finishing });
      await moveTo(service, measure.id, ['approved', 'in-progress']);
      ids.push(measure.id);
    }
    await moveTo(service, ids[0] as string, ['completed']);
    const planer = as(service, 'planer');
    const results = await Promise.all(ids.slice(1).map((id) => planer.post(`/v1/measures/${id}/transitions`, { to: 'cancelled', version: 3, reason: 'beendet' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitFor(() => published.events.some((e) => e.aggregateId === finishing), 5_000, 'the cycle event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cycleEvents = published.events.filter((e) => e.aggregateId === finishing);
    expect(cycleEvents).toHaveLength(1);
    expect(cycleEvents[0]).toMatchObject({ type: 'cycle.measures-finished', payload: { cycleId: finishing } });
    expect((cycleEvents[0]?.payload.measures as Array<{ status: string }>).map((m) => m.status).sort()).toEqual(['cancelled', 'cancelled', 'cancelled', 'completed']);
    // The cycle event follows the status change that finished the cycle.
    const last = ofAggregates(published.events, ids).at(-1) as OutboxEvent;
    expect(cycleEvents[0]!.id).toBeGreaterThan(last.id);
  });

  test('when many changes commit at once, then every event is published once, in id order', async () => {
    const measures = await Promise.all(Array.from({ length: 8 }, () => propose(service, { cycleId: cycle })));
    const ids = measures.map((m) => m.id);
    await Promise.all(measures.map((m) => as(service, 'planer').post(`/v1/measures/${m.id}/transitions`, { to: 'approved', version: 1 })));
    await waitFor(() => ofAggregates(published.events, ids).length === 8, 5_000, 'eight events');
    expect(increasing(published.events)).toBe(true);
    expect(new Set(published.events.map((e) => e.id)).size).toBe(published.events.length);
  });
});

describe('the outbox over time', () => {
  test('when published events are older than the retention, then the relay deletes them; recent and unpublished ones stay', async () => {
    const writer = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
    const seed = (aggregate: string, occurredDaysAgo: number, publishedDaysAgo: number | null) =>
      writer.deps.pool.query(
        `INSERT INTO outbox (type, aggregate_id, payload, occurred_at, published_at)
         VALUES ('retention-test', $1, '{}', now() - make_interval(days => $2), now() - make_interval(days => $3))`,
        [`${aggregate}-${run}`, occurredDaysAgo, publishedDaysAgo],
      );
    await seed('old', 30, 30);
    await seed('recent', 30, 2);
    await seed('late', 30, null);
    // A new relay cleans up after its first publishing round (and then at most hourly).
    const relay = startOutboxRelay({ databaseUrl, logger: testLogger(), sweepMs: 600_000, retentionDays: 14, publisher: recorder() });
    try {
      await relay.drain();
      const { rows } = await writer.deps.pool.query(
        `SELECT aggregate_id, published_at IS NOT NULL AS published FROM outbox WHERE aggregate_id LIKE $1 ORDER BY aggregate_id`,
        [`%-${run}`],
      );
      expect(rows).toEqual([
        { aggregate_id: `late-${run}`, published: true },
        { aggregate_id: `recent-${run}`, published: true },
      ]);
    } finally {
      await relay.close();
      await writer.close();
    }
  });
});

describe('the relay after a crash', () => {
  test('when the relay dies while publishing, then the next relay publishes every waiting event exactly once and in order', async () => {
    const writer = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
    let release: () => void = () => undefined;
    const stuck: OutboxEvent[] = [];
    // The first relay takes the first waiting event and never finishes publishing it.
    const first = startOutboxRelay({
      databaseUrl,
      logger: testLogger(),
      sweepMs: 600_000,
      retryMs: 200,
      publisher: { publish: (event) => { stuck.push(event); return new Promise<void>((resolve) => { release = resolve; }); } },
    });
    const second = recorder();
    let relay: ReturnType<typeof startOutboxRelay> | undefined;
    try {
      const measure = await propose(writer, { cycleId: cycle });
      await moveTo(writer, measure.id, ['returned', 'proposed', 'approved', 'in-progress']);
      await waitFor(() => stuck.length === 1, 20_000, 'the first relay publishing');
      // The crash: its database session ends (and with it its leader lock), the publish never completes.
      await writer.deps.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'measures-outbox' AND datname = current_database()`);
      relay = startOutboxRelay({ databaseUrl, logger: testLogger(), sweepMs: 600_000, retryMs: 200, publisher: second });
      await waitFor(() => ofAggregates(second.events, [measure.id]).length === 4, 30_000, 'the second relay publishing');
      const ours = ofAggregates(second.events, [measure.id]);
      expect(ours.map((e) => `${e.payload.from}→${e.payload.to}`)).toEqual(['proposed→returned', 'returned→proposed', 'proposed→approved', 'approved→in-progress']);
      // The event the first relay was stuck on is published by the second, once; nothing twice, all in id order.
      expect(second.events.filter((e) => e.id === stuck[0]!.id)).toHaveLength(1);
      expect(new Set(second.events.map((e) => e.id)).size).toBe(second.events.length);
      expect(increasing(second.events)).toBe(true);
      // Dead letters (other files' deliberate failures) are set aside, not waiting.
      const { rows } = await writer.deps.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND dead_at IS NULL AND id <= $1`, [ours.at(-1)!.id]);
      expect(rows[0].n).toBe(0);
    } finally {
      release();
      await first.close();
      await relay?.close();
      await writer.close();
    }
    expect(stuck).toHaveLength(1);
  });

  test('when the service process is killed with events not yet published, then the next start publishes them exactly once', async () => {
    const entry = join(__dirname, '..', 'dist', 'index.js');
    const stop = async (p: StartedProcess, signal: NodeJS.Signals) => {
      if (p.child.exitCode === null) p.child.kill(signal);
      await p.exited;
    };
    const before = await startProcess(entry, { RUN_OUTBOX_RELAY: 'false' });
    let after: StartedProcess | undefined;
    try {
      await waitUntilOk(`${before.url}/health/ready`, 30_000);
      const measure = await propose(before, { cycleId: cycle, department: 'gesundheit' });
      await moveTo(before, measure.id, ['approved', 'in-progress']);
      await stop(before, 'SIGKILL');
      after = await startProcess(entry, { OUTBOX_SWEEP_MS: '600000' });
      const ours = () => after!.logs.filter((l) => l.msg === 'outbox event published' && (l.event as { aggregateId: string }).aggregateId === measure.id);
      await waitFor(() => ours().length === 2, 30_000, 'the events published after the restart');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ours().map((l) => (l.event as { payload: { to: string } }).payload.to)).toEqual(['approved', 'in-progress']);
    } finally {
      await stop(before, 'SIGKILL');
      if (after) await stop(after, 'SIGTERM');
    }
  });
});
