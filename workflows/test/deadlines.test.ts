import { historyQuery, openTasksQuery } from '@sozialraum/contracts';
import { waitFor } from '@sozialraum/kit/testing';
import { CycleDriver, people, timings, uniqueSpace } from './support/driver';
import { useWorker } from './support/stack';

/** Due 2 s after creation: reminder at 1 s, escalation to the working group at 2 s, to the steering committee at 3.5 s. */
const short = timings({ taskDueMs: 2_000, reminderBeforeMs: 1_000, escalationAfterMs: 1_500 });

describe('reminders and escalations of open tasks', () => {
  const fixture = useWorker(`deadlines-${uniqueSpace()}`);
  const { taskQueue } = fixture;

  const notifications = async (taskId: string) =>
    (await fixture.stack.pool.query<{ id: string; kind: string; recipient: string; created_at: Date }>(`SELECT id, kind, recipient, created_at FROM notification WHERE task_id = $1 ORDER BY created_at`, [taskId])).rows;

  test('when a task stays open, then its assignee is reminded before the due date and it escalates to the working group, then the steering committee', async () => {
    const space = uniqueSpace('D');
    const cycle = await CycleDriver.start(fixture.stack.client, fixture.stack.pool, { space, taskQueue, timings: short });
    const task = await cycle.openTask('analysis');
    // Claimed in the inbox (the strategy service writes the assignee): the reminder goes to that person.
    await fixture.stack.pool.query(`UPDATE task SET assignee_id = 'u-planer', assignee_name = 'Paula Planer' WHERE id = $1`, [task.id]);

    await waitFor(async () => (await notifications(task.id)).length === 4, 15_000, 'reminder and two escalations');
    const sent = await notifications(task.id);
    expect(sent.map((n) => [n.id, n.kind, n.recipient])).toEqual([
      [`${task.id}:task-created`, 'task-created', 'role:planner'],
      [`${task.id}:reminder`, 'reminder', 'u-planer'],
      [`${task.id}:escalation:1`, 'escalation', 'group:/committees/working-group'],
      [`${task.id}:escalation:2`, 'escalation', 'group:/committees/steering-committee'],
    ]);
    // On time: workflow timers fire at their offsets from the task's creation (timer resolution is coarse).
    const created = sent[0]?.created_at.getTime() ?? 0;
    const offsets = sent.slice(1).map((n) => n.created_at.getTime() - created);
    [1_000, 2_000, 3_500].forEach((expected, i) => {
      expect(offsets[i]).toBeGreaterThanOrEqual(expected);
      expect(offsets[i]).toBeLessThan(expected + 1_500);
    });
    expect((await cycle.task('analysis'))?.escalation_level).toBe(2);
    expect((await cycle.handle.query(openTasksQuery))[0]).toMatchObject({ key: 'analysis', escalationLevel: 2 });
    await cycle.handle.terminate('test over');
  });

  test('when a task is completed before its due date, then its timers stop', async () => {
    const space = uniqueSpace('D');
    const cycle = await CycleDriver.start(fixture.stack.client, fixture.stack.pool, { space, taskQueue, timings: short });
    await cycle.complete('analysis', people(space).planer, { summary: 'fertig' });
    await cycle.openTask('participation-1');

    // Long enough for the analysis task's reminder and both escalations, had they not been cancelled.
    await waitFor(async () => (await cycle.task('participation-1'))?.escalation_level === 2, 15_000, 'the next task escalating');
    expect((await notifications(cycle.taskId('analysis'))).map((n) => n.kind)).toEqual(['task-created']);
    expect((await cycle.task('analysis'))?.escalation_level).toBe(0);
    const escalated = (await cycle.handle.query(historyQuery)).filter((h) => h.event === 'task-escalated').map((h) => h.taskId);
    expect(escalated).toEqual([cycle.taskId('participation-1'), cycle.taskId('participation-1')]);
    await cycle.handle.terminate('test over');
  });
});
