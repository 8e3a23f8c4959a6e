import { measureEventSignal, REJECTIONS } from '@sozialraum/contracts';
import { waitFor } from '@sozialraum/kit/testing';
import type { OutboxEvent } from '../src/data/outbox.repository';
import { toMeasureEvent } from '../src/outbox/publisher';
import { cycleMeasureActivities } from '../src/activities/cycle-measures.activities';
import { type CycleRun, type CycleStack, people, startCycleStack } from './helpers/cycle';
import { as, type MeasuresService, propose, runId, startMeasures } from './helpers/measures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

/**
 * The strategy cycle with the measures service: its activities turn proposals, decisions, status reports
 * and evaluations into its own use cases and transactions, and the outbox relay signals the cycle workflow of each
 * change, so a measure completed in the measures service ends the implementation phase. Everything is real:
 * Temporal, PostgreSQL, Redis, Keycloak, the monitoring and measures services; the test completes tasks by
 * the same update the strategy service sends.
 */
const run = runId();
const space = `MC${run}`.toUpperCase();
const who = people(space);
const timings = { taskDueMs: 120_000, reminderBeforeMs: 10_000, escalationAfterMs: 60_000, reportIntervalMs: 1_500, implementationMs: 90_000 };

type Measure = { id: string; title: string; status: string; department: string; cycleId: string | null; spaces: string[]; version: number; [key: string]: unknown };

let monitoring: MonitoringService;
let service: MeasuresService;
let cycles: CycleStack;

beforeAll(async () => {
  monitoring = await startMonitoring();
  // The default publisher: the outbox relay signals the cycle workflows through Temporal.
  // Its background runs the cycle's measures activities on `<queue>.measures`.
  const taskQueue = `measures-cycle-${run}`;
  service = await startMeasures({ MONITORING_URL: monitoring.url, CYCLE_TASK_QUEUE: taskQueue, RUN_ACTIVITIES: 'true' });
  cycles = await startCycleStack({ taskQueue, monitoringUrl: monitoring.url });
}, 60_000);
afterAll(async () => {
  await cycles?.close();
  await service?.close();
  await monitoring?.close();
});

const measureOf = async (id: string): Promise<Measure> => (await as(service, 'planer').get(`/v1/measures/${id}`)).body as Measure;
const measuresOf = async (cycleId: string): Promise<Measure[]> => (await as(service, 'planer').get(`/v1/measures?cycle=${cycleId}&limit=50`)).body.items as Measure[];
const statusBecomes = (id: string, status: string) => waitFor(async () => (await measureOf(id)).status === status, 10_000, `measure ${id} ${status}`);

const needs = [
  { key: 'beratung', title: 'Beratung im Quartier', targetGroups: ['poor', 'families'], departments: ['soziales'] },
  { key: 'jugend', title: 'Offene Jugendarbeit', targetGroups: ['youth'], departments: ['jugend'] },
];
const proposal = (title: string, needKey: string, extra: Record<string, unknown> = {}) => ({ title, description: `${title} im Stadtteil`, needKey, ...extra });

async function throughDecision(cycle: CycleRun): Promise<Record<'beratung' | 'schulden' | 'treff', Measure>> {
  await cycle.complete('review-analysis', who.planer, { summary: 'Armut über dem städtischen Mittel' });
  await cycle.complete('document-participation', who.koordination, {
    records: [{ format: 'workshop', date: '2026-03-01', actors: ['Stadtteilverein'], targetGroups: ['families'], participants: 30, results: 'Beratung vor Ort' }],
    close: true,
  });
  await cycle.complete('set-goals', who.planer, { goals: [{ title: 'Armut senken' }], needs });
  await cycle.complete('review-goals', who.planer, { decision: 'approve' });
  await cycle.complete('propose-measures', who.soziales, {
    decision: 'propose',
    measures: [proposal('Sozialberatung', 'beratung', {
      budgetPlanned: 30_000, start: '2026-01-01', end: '2027-12-31',
      milestones: [{ title: 'Räume angemietet', dueOn: '2026-03-31' }, { title: 'Erste Sprechstunde', dueOn: '2026-05-01' }],
    }), proposal('Schuldnerberatung', 'beratung')],
  }, 'soziales');
  await cycle.complete('propose-measures', who.jugend, { decision: 'propose', measures: [proposal('Jugendtreff', 'jugend')] }, 'jugend');

  // Proposals are measures now: proposed, in the cycle and its space, of the proposing department.
  const decide = await cycle.openTask('decide-package');
  const proposed = await measuresOf(cycle.id);
  expect(proposed.map((m) => m.id).sort()).toEqual([...decide.measure_ids].sort());
  const byTitle = Object.fromEntries(proposed.map((m) => [m.title, m]));
  expect(proposed.map((m) => [m.title, m.status, m.department, m.cycleId, m.spaces]).sort()).toEqual([
    ['Jugendtreff', 'proposed', 'jugend', cycle.id, [space]],
    ['Schuldnerberatung', 'proposed', 'soziales', cycle.id, [space]],
    ['Sozialberatung', 'proposed', 'soziales', cycle.id, [space]],
  ]);
  const beratung = byTitle.Sozialberatung as Measure;
  expect(await measureOf(beratung.id)).toMatchObject({ needs: ['beratung'], targetGroups: ['poor', 'families'], startsOn: '2026-01-01', endsOn: '2027-12-31', budget: { planned: 30_000 } });
  // The proposal's milestones came with it.
  expect((await measureOf(beratung.id)).milestones).toMatchObject([
    { title: 'Räume angemietet', dueOn: '2026-03-31', doneOn: null },
    { title: 'Erste Sprechstunde', dueOn: '2026-05-01', doneOn: null },
  ]);
  expect((await measureOf(byTitle.Jugendtreff!.id)).milestones).toEqual([]);

  // The department raises the budget after the decision task opened: approving the amount the committee was
  // shown is refused, nothing is decided, and the task shows the new amount.
  const [schulden, treff] = [byTitle.Schuldnerberatung as Measure, byTitle.Jugendtreff as Measure];
  const raised = await as(service, 'soziales').patch(`/v1/measures/${beratung.id}`, { version: (await measureOf(beratung.id)).version, budget: { planned: 36_000 } });
  expect(raised.status).toBe(200);
  const decisions = (budget: number) => [
    { measureId: beratung.id, decision: 'approve', budgetPlanned: budget },
    { measureId: schulden.id, decision: 'return', reason: 'Kosten fehlen', budgetPlanned: null },
    { measureId: treff.id, decision: 'approve', budgetPlanned: null },
  ];
  const refused = await cycle.complete('decide-package', who.lenkung, { decisions: decisions(30_000) }).then(() => undefined, (error: unknown) => error);
  expect((refused as { cause?: unknown })?.cause).toMatchObject({
    type: REJECTIONS.budgetChanged,
    message: expect.stringContaining('shown 30000, now 36000'),
    details: [[{ pointer: '/result/decisions/0/budgetPlanned', detail: expect.stringContaining('now 36000') }]],
  });
  expect((await measuresOf(cycle.id)).map((m) => m.status)).toEqual(['proposed', 'proposed', 'proposed']);
  const reopened = await cycle.openTask('decide-package');
  expect(reopened.id).toBe(decide.id);
  const { rows } = await cycles.pool.query(`SELECT context FROM task WHERE id = $1`, [decide.id]);
  expect(rows[0].context.measures.find((m: { measureId: string }) => m.measureId === beratung.id)).toMatchObject({ budgetPlanned: 36_000 });

  // The committee decides again on the amount it now sees; an approved measure starts at once.
  await cycle.complete('decide-package', who.lenkung, { decisions: decisions(36_000) });
  expect(await measureOf(beratung.id)).toMatchObject({ status: 'in-progress', budget: { approved: 36_000 } });
  expect(await measureOf(schulden.id)).toMatchObject({ status: 'returned', statusReason: 'Kosten fehlen' });
  expect((await measureOf(treff.id)).status).toBe('in-progress');

  // The returned measure goes back to its department; the reworked one is a new measure, rejected.
  await cycle.complete('propose-measures', who.soziales, { decision: 'propose', measures: [proposal('Schuldnerberatung mit Kostenplan', 'beratung')] }, 'soziales');
  const second = await cycle.openTask('decide-package', undefined, [decide.id]);
  await cycle.complete('decide-package', who.lenkung, { decisions: [{ measureId: second.measure_ids[0], decision: 'reject', reason: 'nicht im Haushalt' }] }, undefined, [decide.id]);
  expect(await measureOf(second.measure_ids[0] as string)).toMatchObject({ status: 'rejected', statusReason: 'nicht im Haushalt' });
  return { beratung, schulden, treff };
}

describe('a strategy cycle with the measures service', () => {
  test('when a cycle runs, then its measures are proposed, decided, reported on and evaluated there, and a measure completed there ends implementation', async () => {
    const cycle = await cycles.start(space, timings);
    const { beratung, treff } = await throughDecision(cycle);

    // Implementation: a status report task writes a report there; "finished" completes the measure.
    const firstReport = await cycle.complete('report-status', who.jugend, {
      reports: [{ measureId: treff.id, progress: 40, trafficLight: 'yellow', text: 'Räume gefunden', finished: false }],
    }, 'jugend');
    let reports = (await as(service, 'jugend').get(`/v1/measures/${treff.id}/reports`)).body.items;
    expect(reports).toMatchObject([{ progress: 40, trafficLight: 'yellow', text: 'Räume gefunden' }]);
    expect((await measureOf(treff.id)).status).toBe('in-progress');
    await cycle.complete('report-status', who.jugend, {
      reports: [{ measureId: treff.id, progress: 100, trafficLight: 'green', text: 'Treff eröffnet', finished: true }],
    }, 'jugend', [firstReport.id]);
    expect((await measureOf(treff.id)).status).toBe('completed');
    reports = (await as(service, 'jugend').get(`/v1/measures/${treff.id}/reports`)).body.items;
    expect(reports.map((r: { text: string }) => r.text)).toEqual(['Treff eröffnet', 'Räume gefunden']);
    expect(await cycle.phase()).toBe('implementation');

    // The department completes its last measure in the measures service: outbox → signal → the phase ends.
    const current = await measureOf(beratung.id);
    const done = await as(service, 'soziales').post(`/v1/measures/${beratung.id}/transitions`, { to: 'completed', version: current.version });
    expect(done.status).toBe(200);
    await waitFor(async () => (await cycle.phase()) === 'reflection', 15_000, 'reflection after the measure was completed');
    // The strategy read model's copy follows changes made in the measures service, task or no task.
    const copyOf = async (id: string) =>
      (await service.deps.pool.query(`SELECT status, progress, traffic_light FROM strategy.measure_proposal WHERE id = $1`, [id])).rows[0];
    await waitFor(async () => (await copyOf(beratung.id)).status === 'completed', 10_000, 'the read model’s copy completed');
    expect(await copyOf(treff.id)).toEqual({ status: 'completed', progress: 100, traffic_light: 'green' });
    const history = await cycle.history();
    expect(history.map((h) => h.event)).toContain('measures-finished');
    expect(history.map((h) => h.event)).not.toContain('implementation-time-over');
    expect(history.filter((h) => h.event === 'measure-status-changed' && h.detail?.startsWith(`${beratung.id}: in-progress → completed`))).toHaveLength(1);
    // No report task was needed for it; the one still open was cancelled with the phase.
    expect((await cycle.tasks()).filter((t) => t.type === 'report-status' && t.department === 'soziales' && t.status === 'open')).toEqual([]);

    // A repeated delivery of an event changes nothing: the workflow knows its event ID.
    const { rows } = await service.deps.pool.query<OutboxEvent>(
      `SELECT id, type, aggregate_id AS "aggregateId", payload, occurred_at AS "occurredAt" FROM outbox
        WHERE aggregate_id = $1 AND payload->>'to' = 'completed'`,
      [beratung.id],
    );
    await cycle.handle.signal(measureEventSignal, toMeasureEvent(rows[0] as OutboxEvent)!);

    // Reflection: each evaluation task writes the evaluation there.
    await cycle.complete('evaluate-measure', who.soziales, { measureId: beratung.id, outcome: '120 Beratungen', recommendation: 'continue', lessons: 'Sprechzeiten am Abend' }, 'soziales');
    // The update was accepted after the repeated signal, so the workflow has seen both by now.
    const completion = (h: { event: string; detail?: string }) => h.event === 'measure-status-changed' && h.detail?.startsWith(`${beratung.id}: in-progress → completed`);
    expect((await cycle.history()).filter(completion)).toHaveLength(1);
    await cycle.complete('evaluate-measure', who.jugend, { measureId: treff.id, outcome: 'gut besucht', recommendation: 'adapt' }, 'jugend');
    expect((await measureOf(beratung.id)).evaluation).toMatchObject({ outcome: '120 Beratungen', recommendation: 'continue', lessons: 'Sprechzeiten am Abend', from: '2025', to: expect.stringMatching(/^\d{4}$/) });
    expect((await measureOf(treff.id)).evaluation).toMatchObject({ outcome: 'gut besucht', recommendation: 'adapt' });
    await cycle.complete('reflect-cycle', who.planer, { summary: 'Beratung wirkt', lessons: 'früher beteiligen' });
    await cycle.complete('acknowledge-report', who.lenkung, {});
    await expect(cycle.result()).resolves.toMatchObject({ status: 'completed' });
    const events = (await cycle.history()).map((h) => h.event);
    expect(events).toEqual(expect.arrayContaining(['measure-report-filed', 'measure-evaluation-filed', 'cycle-completed']));
  }, 90_000);

  test('when a measure’s cycle has no running workflow, then its events are published without a signal', async () => {
    const measure = await propose(service, { cycleId: `cycle-NONE${run}-1`, department: 'soziales' });
    await as(service, 'planer').post(`/v1/measures/${measure.id}/transitions`, { to: 'approved', version: measure.version });
    await waitFor(async () => {
      const { rows } = await service.deps.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND published_at IS NULL`, [measure.id]);
      return rows[0].n === 0;
    }, 10_000, 'the event published');
  });

  test('when the cycle’s measures activities are repeated, as Temporal retries them, then every measure, transition, report and evaluation happens once', async () => {
    const cycleId = `cycle-PORT${run.toUpperCase()}-1`;
    const taskId = (key: string) => `${cycleId}/${key}`;
    const port = cycleMeasureActivities({ pool: service.deps.pool, monitoring: service.deps.monitoring, reportIntervalDays: service.deps.config.REPORT_INTERVAL_DAYS });
    const twice = async <T>(work: () => Promise<T>): Promise<T> => {
      const first = await work();
      await work();
      return first;
    };

    const input = { cycleId, taskId: taskId('propose-soziales-1'), department: 'soziales', measures: [proposal('Pflegestützpunkt', 'alter'), proposal('Besuchsdienst', 'alter')].map((m) => ({ ...m, targetGroups: ['old'] })) };
    const refs = await twice(() => port.proposeMeasures(input));
    expect(await port.proposeMeasures(input)).toEqual(refs);
    expect((await measuresOf(cycleId)).map((m) => m.title).sort()).toEqual(['Besuchsdienst', 'Pflegestützpunkt']);
    const [pflege, besuch] = refs.map((r) => r.id) as [string, string];

    await twice(() => port.decideMeasures({ cycleId, taskId: taskId('decide-1'), decisions: [{ measureId: pflege, decision: 'approve', budgetPlanned: null }, { measureId: besuch, decision: 'reject', reason: 'doppelt' }] }));
    expect([(await measureOf(pflege)).status, (await measureOf(besuch)).status]).toEqual(['in-progress', 'rejected']);

    const report = { measureId: pflege, progress: 100, trafficLight: 'green' as const, text: 'fertig', finished: true };
    await twice(() => port.reportMeasures({ cycleId, taskId: taskId('report-soziales-1'), reports: [report] }));
    expect((await as(service, 'soziales').get(`/v1/measures/${pflege}/reports`)).body.items).toHaveLength(1);
    await statusBecomes(pflege, 'completed');

    const evaluation = { measureId: pflege, outcome: 'läuft', recommendation: 'continue' as const };
    await twice(() => port.evaluateMeasure({ cycleId, taskId: taskId('evaluate-1'), evaluation, by: 'Sami Soziales', at: new Date().toISOString() }));
    expect((await measureOf(pflege)).evaluation).toMatchObject({ outcome: 'läuft', recommendation: 'continue' });
    const { rows } = await service.deps.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND type = 'measure.evaluation-filed'`, [pflege]);
    expect(rows[0].n).toBe(1);

    // What the measures service refuses for good refuses the completion (the task stays open), not retried forever.
    await expect(port.decideMeasures({ cycleId, taskId: taskId('decide-2'), decisions: [{ measureId: besuch, decision: 'approve', budgetPlanned: null }] })).rejects.toMatchObject({
      type: REJECTIONS.invalidResult,
      nonRetryable: true,
      message: expect.stringMatching(/is rejected in the measures service/),
    });
  });
});
