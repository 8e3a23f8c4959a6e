import { historyQuery } from '@sozialraum/contracts';
import { type CycleServices, startCycleServices, type StartedProcess } from '@sozialraum/kit/testing';
import { CycleDriver, people, uniqueSpace } from './support/driver';
import { startMonitoringStub } from './support/monitoring-stub';
import { startStack, type TestStack } from './support/stack';
import { startWorkerProcess } from './support/worker-process';

const record = { format: 'walk', date: '2024-05-02', actors: ['Quartiersmanagement'], targetGroups: ['old'], participants: 12, results: 'Bänke fehlen' };

describe('a cycle when its worker is killed', () => {
  let stack: TestStack;
  let worker: StartedProcess | undefined;
  let services: CycleServices | undefined;
  let monitoring: { close(): Promise<void> } | undefined;
  const space = uniqueSpace('K');
  const taskQueue = `durability-${space}`;
  const who = people(space);

  beforeAll(async () => {
    stack = await startStack();
    // The activities run in the strategy service (and the monitoring stub); the worker that is killed runs the workflow.
    services = await startCycleServices({ taskQueue, services: ['strategy'] });
    monitoring = await startMonitoringStub(stack.monitoring, taskQueue);
  });
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await stack.client.workflow.getHandle(`cycle-${space}-1`).terminate('test over').catch(() => undefined);
    await services?.close();
    await monitoring?.close();
    await stack.close();
  });

  test('when the worker is SIGKILLed in the middle of a phase and started again, then no task is lost or duplicated and the cycle goes on', async () => {
    worker = await startWorkerProcess(taskQueue);
    const cycle = await CycleDriver.start(stack.client, stack.pool, { space, taskQueue });
    await cycle.complete('analysis', who.planer, { summary: 'fertig' });
    await cycle.complete('participation-1', who.koordination, { records: [record], close: false });
    await cycle.openTask('participation-2');

    // A completion in flight when the worker dies: it must happen exactly once, by the next worker.
    const inFlight = cycle.send('participation-2', who.koordination, { records: [record, { ...record, format: 'survey' }], close: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    worker.child.kill('SIGKILL');
    await worker.exited;

    worker = await startWorkerProcess(taskQueue);
    await expect(inFlight).resolves.toEqual({ taskId: cycle.taskId('participation-2'), phase: 'participation', recorded: false });
    await cycle.complete('participation-3', who.koordination, { records: [], close: true });
    expect(await cycle.openTask('set-goals-1')).toMatchObject({ phase: 'goal-setting' });

    const tasks = await cycle.tasks();
    expect(tasks.map((t) => [t.key, t.status])).toEqual([
      ['analysis', 'completed'], ['participation-1', 'completed'], ['participation-2', 'completed'], ['participation-3', 'completed'], ['set-goals-1', 'open'],
    ]);
    const created = (await cycle.handle.query(historyQuery)).filter((h) => h.event === 'task-created').map((h) => h.taskId);
    expect(created).toEqual(tasks.map((t) => t.id));
    const records = await stack.pool.query(`SELECT id FROM participation WHERE cycle_id = $1 ORDER BY id`, [cycle.id]);
    expect(records.rows.map((r) => r.id)).toEqual([`${cycle.taskId('participation-1')}#0`, `${cycle.taskId('participation-2')}#0`, `${cycle.taskId('participation-2')}#1`]);
    const announced = await stack.pool.query(`SELECT count(*)::int AS n FROM notification WHERE cycle_id = $1 AND kind = 'task-created'`, [cycle.id]);
    expect(announced.rows[0].n).toBe(5);
  });
});
