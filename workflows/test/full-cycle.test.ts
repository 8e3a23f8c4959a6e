import { type CycleOutcome, cycleWorkflowId, deliverJobId, historyQuery, NOTIFICATIONS_QUEUE } from '@sozialraum/contracts';
import { Queue } from 'bullmq';
import { redisPrefix } from '@sozialraum/kit/testing';
import { CycleDriver, openTaskOf, people, timings, uniqueSpace } from './support/driver';
import { recordHistory } from './support/histories';
import { useWorker } from './support/stack';

const record = { format: 'workshop', date: '2024-03-01', actors: ['Stadtteilverein'], targetGroups: ['youth'], participants: 25, results: 'Mehr Angebote für Jugendliche' };
const goals = [{ title: 'Arbeitslosigkeit senken', indicatorKey: 'unemployment', targetValue: 6, targetYear: 2027 }];
const needs = [
  { key: 'youth-work', title: 'Offene Jugendarbeit', targetGroups: ['youth'], departments: ['jugend'] },
  { key: 'care', title: 'Pflegeberatung im Quartier', targetGroups: ['old', 'care-dependent'], departments: ['soziales'] },
];
const measure = (title: string, needKey: string) => ({ title, description: `${title} im Quartier`, needKey });

describe('a strategy cycle walked through every phase', () => {
  const space = uniqueSpace('F');
  const fixture = useWorker(`full-cycle-${space}`);
  const { taskQueue } = fixture;
  const who = people(space);

  test('when every role completes its tasks (with a goals return and a measure return), then the cycle completes and the next one starts', async () => {
    const cycle = await CycleDriver.start(fixture.stack.client, fixture.stack.pool, { space, taskQueue, timings: timings(), alertId: 4711 });

    // analysis: the alert is handed over and the evidence frozen before the planners' task opens
    const analysis = await cycle.openTask('analysis');
    expect(analysis).toMatchObject({ type: 'review-analysis', phase: 'analysis', candidate_groups: ['role:planner'] });
    expect(fixture.stack.monitoring.handOvers).toEqual([{ alertId: '4711', cycleId: cycle.id }]);
    await expect(cycle.complete('analysis', who.planer, { summary: 'Arbeitslosigkeit und Kinderarmut über dem Mittel' })).resolves.toEqual({ taskId: cycle.taskId('analysis'), phase: 'analysis', recorded: false });

    // participation: a first round without closing, then closing with no new record
    expect(await cycle.openTask('participation-1')).toMatchObject({ candidate_groups: [`group:/coordination/${space}`] });
    await cycle.complete('participation-1', who.koordination, { records: [record], close: false });
    await cycle.complete('participation-2', who.koordination, { records: [], close: true });

    // goal setting: returned once with comments, which the second set-goals task carries
    await cycle.complete('set-goals-1', who.planer, { goals, needs });
    await cycle.complete('review-goals-1', who.planer, { decision: 'return', comments: 'Zielwert begründen' });
    expect((await cycle.openTask('set-goals-2')).context).toMatchObject({ returnedWith: 'Zielwert begründen' });
    await cycle.complete('set-goals-2', who.planer, { goals: [{ ...goals[0], description: 'Quote von 7,9 auf 6 %' }], needs });
    await cycle.complete('review-goals-2', who.planer, { decision: 'approve' });

    // measure development: one task per responsible department, with its own needs only
    const jugendTask = await cycle.openTask('propose-jugend-1');
    expect(jugendTask).toMatchObject({ department: 'jugend', candidate_groups: ['group:/departments/jugend'] });
    expect((jugendTask.context.needs as Array<{ key: string }>).map((n) => n.key)).toEqual(['youth-work']);
    await cycle.complete('propose-jugend-1', who.jugend, { decision: 'propose', measures: [measure('Jugendtreff', 'youth-work'), measure('Streetwork', 'youth-work')] });
    await cycle.complete('propose-soziales-1', who.soziales, { decision: 'propose', measures: [{ ...measure('Pflegestützpunkt', 'care'), budgetPlanned: 50_000 }] });

    // decision: one package; the returned measure goes back to its department, then a second decision
    // The measures service gave them their IDs; the cycle's copy has them by title.
    const idOf = async (title: string) =>
      (await fixture.stack.pool.query(`SELECT id FROM measure_proposal WHERE cycle_id = $1 AND title = $2`, [cycle.id, title])).rows[0]?.id as string;
    const [treff, streetwork, pflege] = [await idOf('Jugendtreff'), await idOf('Streetwork'), await idOf('Pflegestützpunkt')];
    expect([treff, streetwork, pflege].every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect((await cycle.openTask('decide-1')).measure_ids.sort()).toEqual([treff, streetwork, pflege].sort());
    await cycle.complete('decide-1', who.lenkung, {
      decisions: [{ measureId: treff, decision: 'approve', budgetPlanned: null }, { measureId: streetwork, decision: 'return', reason: 'Kosten fehlen' }, { measureId: pflege, decision: 'approve', budgetPlanned: 50_000 }],
    });
    expect((await cycle.openTask('propose-jugend-2')).context.returned).toMatchObject([{ measureId: streetwork, reason: 'Kosten fehlen', title: 'Streetwork' }]);
    await cycle.complete('propose-jugend-2', who.jugend, { decision: 'propose', measures: [measure('Streetwork mit Kostenplan', 'youth-work')] });
    const light = await idOf('Streetwork mit Kostenplan');
    expect((await cycle.openTask('decide-2')).measure_ids).toEqual([light]);
    await cycle.complete('decide-2', who.lenkung, { decisions: [{ measureId: light, decision: 'reject', reason: 'nicht im Haushalt' }] });

    // implementation: reports per department until every approved measure is finished
    const report = (measureId: string, finished: boolean) => ({ reports: [{ measureId, progress: finished ? 100 : 50, trafficLight: 'green', text: 'läuft', finished }] });
    const firstJugend = await openTaskOf(cycle, 'report-status', 'jugend');
    expect(firstJugend.measure_ids).toEqual([treff]);
    await cycle.complete(firstJugend.key, who.jugend, report(treff, true));
    const firstSoziales = await openTaskOf(cycle, 'report-status', 'soziales');
    await cycle.complete(firstSoziales.key, who.soziales, report(pflege, false));
    const secondSoziales = await openTaskOf(cycle, 'report-status', 'soziales');
    expect(secondSoziales.key).not.toBe(firstSoziales.key);
    await cycle.complete(secondSoziales.key, who.soziales, report(pflege, true));

    // reflection: evaluations per measure and the working group's reflection, then the acknowledgement
    const reflect = await cycle.openTask('reflect');
    expect(reflect.context.comparison).toEqual([
      expect.objectContaining({ indicatorKey: 'unemployment', before: { period: '2022', value: 7.9 }, after: { period: '2023', value: 6.1 }, improved: true }),
    ]);
    await cycle.complete(`evaluate-${treff}`, who.jugend, { measureId: treff, outcome: 'gut besucht', recommendation: 'stop' });
    await cycle.complete(`evaluate-${pflege}`, who.soziales, { measureId: pflege, outcome: 'stark nachgefragt', recommendation: 'continue' });
    await cycle.complete('reflect', who.planer, { summary: 'Ziele teilweise erreicht', lessons: 'früher beteiligen' });
    await cycle.complete('acknowledge', who.lenkung, {});

    const outcome = (await cycle.handle.result()) as CycleOutcome;
    expect(outcome).toEqual({ status: 'completed', nextCycleId: cycleWorkflowId(space, 2) });
    await recordHistory('full-cycle', cycle.handle);

    // the next cycle is its own running workflow, carrying the need whose measure continues
    const next = new CycleDriver(fixture.stack.client, fixture.stack.pool, fixture.stack.client.workflow.getHandle(outcome.nextCycleId as string), outcome.nextCycleId as string, taskQueue);
    expect((await next.handle.describe()).status.name).toBe('RUNNING');
    expect((await next.openTask('analysis')).context.carriedOver).toMatchObject({ needKeys: ['care'], measureIds: [pflege], fromCycleId: cycle.id });

    // the read model: every task exactly once, each announced once, the cycle's records complete
    const tasks = await cycle.tasks();
    const created = (await cycle.handle.query(historyQuery)).filter((h) => h.event === 'task-created').map((h) => h.taskId);
    expect(tasks.map((t) => t.id).sort()).toEqual([...created].sort());
    expect(new Set(created).size).toBe(created.length);
    // Nothing is left open. A report task the 1-second report timer opened just before the last report arrived
    // (a slow machine) is cancelled when implementation ends; every other task was completed.
    expect(tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(tasks.filter((t) => t.status !== 'completed' && !(t.type === 'report-status' && t.status === 'cancelled'))).toEqual([]);
    expect(tasks.map((t) => t.key)).toEqual(expect.arrayContaining(['analysis', 'participation-2', 'set-goals-2', 'propose-jugend-2', 'decide-2', 'reflect', 'acknowledge']));
    const announced = await fixture.stack.pool.query(`SELECT task_id, id FROM notification WHERE cycle_id = $1 AND kind = 'task-created'`, [cycle.id]);
    expect(announced.rows.map((n) => n.task_id).sort()).toEqual(tasks.map((t) => t.id).sort());
    const queue = new Queue(NOTIFICATIONS_QUEUE, { connection: fixture.stack.redis, prefix: redisPrefix() });
    expect(await queue.getJob(deliverJobId(announced.rows[0].id))).toMatchObject({ name: 'deliver', data: { notificationId: announced.rows[0].id } });
    await queue.close();

    const { rows: [row] } = await fixture.stack.pool.query(`SELECT * FROM cycle WHERE id = $1`, [cycle.id]);
    expect(row).toMatchObject({ status: 'completed', phase: 'reflection', alert_id: 4711, departments: ['jugend', 'soziales'] });
    expect(row.evidence.profile.space.code).toBe(space);
    expect(row.reflection.comparison[0]).toMatchObject({ indicatorKey: 'unemployment', improved: true });
    const phases = await fixture.stack.pool.query(`SELECT phase, ended_at FROM cycle_phase WHERE cycle_id = $1 ORDER BY started_at`, [cycle.id]);
    expect(phases.rows.map((p) => p.phase)).toEqual(['analysis', 'participation', 'goal-setting', 'measure-development', 'decision', 'implementation', 'reflection']);
    expect(phases.rows.every((p) => p.ended_at)).toBe(true);
    const measures = await fixture.stack.pool.query(`SELECT id, status FROM measure_proposal WHERE cycle_id = $1 ORDER BY id`, [cycle.id]);
    expect(Object.fromEntries(measures.rows.map((m) => [m.id, m.status]))).toEqual({ [treff]: 'completed', [streetwork]: 'returned', [light]: 'rejected', [pflege]: 'completed' });
    const counts = await fixture.stack.pool.query(
      `SELECT (SELECT count(*) FROM participation WHERE cycle_id = $1) AS participation, (SELECT count(*) FROM decision WHERE cycle_id = $1) AS decisions,
              (SELECT count(*) FROM measure_evaluation WHERE cycle_id = $1) AS evaluations, (SELECT count(*) FROM goal WHERE cycle_id = $1) AS goals`,
      [cycle.id],
    );
    expect(counts.rows[0]).toEqual({ participation: 1, decisions: 4, evaluations: 2, goals: 1 });
    const needRows = await fixture.stack.pool.query(`SELECT key, status FROM need WHERE cycle_id = $1 ORDER BY key`, [cycle.id]);
    expect(needRows.rows).toEqual([{ key: 'care', status: 'open' }, { key: 'youth-work', status: 'addressed' }]);
    await next.handle.terminate('test over');
  });
});
