import { cancelCycleUpdate, type CycleOutcome, historyQuery, REJECTIONS, resumeSignal, suspendSignal } from '@sozialraum/contracts';
import { waitFor } from '@sozialraum/kit/testing';
import { CycleDriver, people, refusal, uniqueSpace } from './support/driver';
import { recordHistory } from './support/histories';
import { useWorker } from './support/stack';

describe('what the workflow refuses', () => {
  const fixture = useWorker(`rejections-${uniqueSpace()}`);
  const { taskQueue } = fixture;

  const start = (space = uniqueSpace('R'), alertId?: number) => CycleDriver.start(fixture.stack.client, fixture.stack.pool, { space, taskQueue, alertId });
  /** A new cycle whose analysis is done, with the people of its space. */
  const inParticipation = async () => {
    const space = uniqueSpace('R');
    const cycle = await start(space);
    const who = people(space);
    await cycle.complete('analysis', who.planer, { summary: 'fertig' });
    return { cycle, who };
  };
  const cycleRow = async (id: string) => (await fixture.stack.pool.query(`SELECT * FROM cycle WHERE id = $1`, [id])).rows[0];

  test('when someone outside the candidate groups completes a task, then it is refused as not a candidate', async () => {
    const cycle = await start();
    const who = people('X');
    await cycle.openTask('analysis');
    const refused = await refusal(cycle.complete('analysis', who.jugend, { summary: 'fertig' }));
    expect(refused).toMatchObject({ type: REJECTIONS.notCandidate, message: expect.stringContaining('role:planner') });
    await cycle.handle.terminate('test over');
  });

  test('when a task without measures is completed, then its write, the next phase and the next task are scheduled in one workflow task, which also answers the update', async () => {
    const { cycle } = await inParticipation();
    await cycle.openTask('participation-1');
    const events = (await cycle.handle.fetchHistory()).events ?? [];
    const scheduledIn = (type: string, match: (input: unknown) => boolean) => {
      const event = events.find((e) => {
        const attrs = e.activityTaskScheduledEventAttributes;
        if (attrs?.activityType?.name !== type) return false;
        const payload = attrs.input?.payloads?.[0]?.data;
        return !!payload && match(JSON.parse(Buffer.from(payload).toString()));
      });
      return String(event?.activityTaskScheduledEventAttributes?.workflowTaskCompletedEventId);
    };
    const completion = scheduledIn('completeTask', (c) => (c as { task: { id: string } }).task.id === cycle.taskId('analysis'));
    expect(completion).not.toBe('undefined');
    expect(scheduledIn('enterPhase', (p) => (p as { phase: string }).phase === 'participation')).toBe(completion);
    expect(scheduledIn('createTask', (t) => (t as { id: string }).id === cycle.taskId('participation-1'))).toBe(completion);
    // The update answered in that workflow task too, not after the write (the strategy service waits for its commit).
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const answered = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes);
    expect(answered).toBeGreaterThan(accepted);
    expect(events.slice(accepted, answered).some((e) => e.workflowTaskStartedEventAttributes)).toBe(false);
    await cycle.handle.terminate('test over');
  });

  test('when the form is bad, then the refusal names the field', async () => {
    const cycle = await start();
    const refused = await refusal(cycle.complete('analysis', people('X').planer, { summary: '' }));
    expect(refused.type).toBe(REJECTIONS.invalidResult);
    expect(refused.message).toContain('/result/summary');
    expect(refused.details).toEqual([[{ pointer: '/result/summary', detail: expect.any(String) }]]);
    expect((await cycle.task('analysis'))?.status).toBe('open');
    await cycle.handle.terminate('test over');
  });

  test('when a task is completed twice, then the same update ID gets the first outcome and another ID is refused as not open', async () => {
    const cycle = await start();
    const { planer } = people('X');
    const first = await cycle.complete('analysis', planer, { summary: 'fertig' });
    const again = await cycle.send('analysis', planer, { summary: 'noch einmal' });
    expect(again).toEqual(first);
    const other = await refusal(cycle.send('analysis', planer, { summary: 'anders' }, 'another-request'));
    expect(other).toMatchObject({ type: REJECTIONS.taskNotOpen, message: expect.stringContaining('not open') });

    await cycle.openTask('participation-1');
    const history = await cycle.handle.query(historyQuery);
    expect(history.filter((h) => h.event === 'task-completed' && h.taskId === cycle.taskId('analysis'))).toHaveLength(1);
    expect(history.filter((h) => h.event === 'phase-started' && h.phase === 'participation')).toHaveLength(1);
    expect((await cycle.task('analysis'))?.result).toEqual({ summary: 'fertig' });
    await cycle.handle.terminate('test over');
  });

  test('when a result holds what the database could not store, then it is refused before it is accepted', async () => {
    const { cycle, who } = await inParticipation();
    const record = { format: 'survey', date: '2024-02-30', actors: [], targetGroups: [], participants: 3, results: 'ok' };
    const badDate = await refusal(cycle.complete('participation-1', who.koordination, { records: [record], close: false }));
    expect(badDate.details).toEqual([[{ pointer: '/result/records/0/date', detail: 'must be a real calendar date' }]]);
    const nul = await refusal(cycle.complete('participation-1', who.koordination, { records: [{ ...record, date: '2024-02-29', results: 'a\u0000b' }], close: false }));
    expect(nul).toMatchObject({ type: REJECTIONS.invalidResult, message: expect.stringContaining('NUL') });
    await expect(cycle.complete('participation-1', who.koordination, { records: [{ ...record, date: '2024-02-29' }], close: true })).resolves.toMatchObject({ phase: 'participation' });
    await cycle.openTask('set-goals-1');
    await cycle.handle.terminate('test over');
  });

  test('when participation is closed with no record in the cycle, then it is refused with the reason', async () => {
    const { cycle, who } = await inParticipation();
    const refused = await refusal(cycle.complete('participation-1', who.koordination, { records: [], close: true }));
    expect(refused).toMatchObject({ type: REJECTIONS.phaseRule, message: expect.stringContaining('at least one documented format') });
    expect(refused.details).toEqual([[{ pointer: '/result/close', detail: expect.any(String) }]]);
    await cycle.handle.terminate('test over');
  });

  test('when a proposed measure ends before it starts, then the proposal is refused before any measure exists', async () => {
    const { cycle, who } = await inParticipation();
    const record = { format: 'walk', date: '2024-05-02', actors: [], targetGroups: [], participants: 8, results: 'ok' };
    await cycle.complete('participation-1', who.koordination, { records: [record], close: true });
    await cycle.complete('set-goals-1', who.planer, { goals: [{ title: 'Armut senken' }], needs: [{ key: 'rat', title: 'Beratung', targetGroups: [], departments: ['soziales'] }] });
    await cycle.complete('review-goals-1', who.planer, { decision: 'approve' });
    const measure = { title: 'Beratung', description: 'vor Ort', needKey: 'rat', start: '2025-06-01', end: '2025-05-31' };
    const refused = await refusal(cycle.complete('propose-soziales-1', who.soziales, { decision: 'propose', measures: [measure] }));
    expect(refused).toMatchObject({ type: REJECTIONS.phaseRule });
    expect(refused.details).toEqual([[{ pointer: '/result/measures/0/end', detail: 'ends before it starts (2025-05-31 < 2025-06-01)' }]]);
    expect((await fixture.stack.pool.query(`SELECT count(*)::int AS n FROM measure_proposal WHERE cycle_id = $1`, [cycle.id])).rows[0].n).toBe(0);
    await cycle.handle.terminate('test over');
  });

  test('when the cycle is suspended, then completions are refused until it is resumed', async () => {
    const cycle = await start();
    const { planer } = people('X');
    await cycle.openTask('analysis');
    await cycle.handle.signal(suspendSignal, { reason: 'Haushaltssperre', by: planer });
    await waitFor(async () => (await cycleRow(cycle.id)).status === 'suspended', 10_000, 'cycle suspended in the read model');
    const refused = await refusal(cycle.complete('analysis', planer, { summary: 'fertig' }));
    expect(refused).toMatchObject({ type: REJECTIONS.cycleNotRunning, message: expect.stringContaining('suspended (Haushaltssperre)') });

    await cycle.handle.signal(resumeSignal, { by: planer });
    await expect(cycle.complete('analysis', planer, { summary: 'fertig' })).resolves.toMatchObject({ taskId: cycle.taskId('analysis') });
    await cycle.openTask('participation-1');
    expect((await cycleRow(cycle.id)).status).toBe('running');
    await cycle.handle.terminate('test over');
  });

  test('when a cycle is cancelled, then a reason is required, its open tasks are cancelled and the workflow ends', async () => {
    const cycle = await start();
    const { planer } = people('X');
    await cycle.complete('analysis', planer, { summary: 'fertig' });
    await cycle.openTask('participation-1');
    const noReason = await refusal(cycle.handle.executeUpdate(cancelCycleUpdate, { args: [{ reason: ' ', by: planer }] }));
    expect(noReason.type).toBe(REJECTIONS.invalidRequest);

    await cycle.handle.executeUpdate(cancelCycleUpdate, { args: [{ reason: 'Stadtteil wird neu zugeschnitten', by: planer }] });
    expect((await cycle.handle.result()) as CycleOutcome).toEqual({ status: 'cancelled' });
    await recordHistory('cancelled-cycle', cycle.handle);
    expect(await cycleRow(cycle.id)).toMatchObject({ status: 'cancelled', status_reason: 'Stadtteil wird neu zugeschnitten' });
    expect((await cycle.tasks()).map((t) => [t.key, t.status])).toEqual([['analysis', 'completed'], ['participation-1', 'cancelled']]);
  });

  test('when the alert hand-over fails and monitoring does not know the space, then the cycle still goes on', async () => {
    fixture.stack.monitoring.state.handOverStatus = 500;
    try {
      const cycle = await start(uniqueSpace('NOPE'), 99);
      await cycle.openTask('analysis');
      expect(fixture.stack.monitoring.handOvers.filter((h) => h.alertId === '99')).not.toHaveLength(0);
      expect((await cycle.handle.query(historyQuery)).map((h) => h.event)).toEqual(expect.arrayContaining(['alert-hand-over-failed', 'evidence-frozen']));
      expect((await cycleRow(cycle.id)).evidence).toEqual({ frozenAt: expect.any(String), unavailable: expect.stringContaining('404') });
      await cycle.handle.terminate('test over');
    } finally {
      fixture.stack.monitoring.state.handOverStatus = 200;
    }
  });
});
