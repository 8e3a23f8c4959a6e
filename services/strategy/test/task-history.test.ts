import { taskProblemType } from '@sozialraum/contracts';
import { as, runId, seedCycle, seedTask, startStrategy, type StrategyService, taskPath } from './helpers/strategy';

/**
 * A task's history: the inbox actions the service records itself (claim, delegate, unclaim) next to what is
 * stored anyway (the task row, comments, the workflow's reminder and escalation notifications).
 */
let service: StrategyService;
const run = runId();
const space = `H${run}`;
const cycleId = `cycle-${space}-1`;
let taskId: string;
let otherId: string;

type Entry = { at: string; kind: string; actor: { id: string; name: string } | null; detail: string | null; target: { id: string; name: string } | null };
const historyOf = async (user: string, id: string) => (await as(service, user).get(taskPath(id, 'history'))).body.items as Entry[];

beforeAll(async () => {
  service = await startStrategy();
  await seedCycle(service.deps.pool, { id: cycleId, space, number: 1, status: 'running', phase: 'implementation' });
  const report = (key: string) =>
    seedTask(service.deps.pool, { cycleId, space, key, type: 'report-status', phase: 'implementation', candidateGroups: ['group:/departments/soziales'], dueInMs: 86_400_000 });
  taskId = await report('report-soziales-1');
  otherId = await report('report-soziales-2');
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycleId]);
  await service.close();
});

test('when people claim, delegate, give back and comment, and the cycle reminds and escalates, then the history lists it all in order, with who did it', async () => {
  const soziales = as(service, 'soziales');
  const sophie = (await soziales.get('/v1/me')).body.id as string;
  expect((await soziales.post(taskPath(taskId, 'claim'))).status).toBe(200);
  const [viktor] = (await soziales.get(taskPath(taskId, 'candidates'))).body.items;
  expect((await soziales.post(taskPath(taskId, 'delegate'), { userId: viktor.id })).status).toBe(200);
  // Viktor is away: a planner gives the task back to the group.
  expect((await as(service, 'planer').post(taskPath(taskId, 'unclaim'))).status).toBe(200);
  expect((await soziales.post(taskPath(taskId, 'comments'), { text: 'Übernehme ich nächste Woche.' })).status).toBe(201);
  // What the workflow's activities write when the reminder and the escalation timers fire.
  await service.deps.pool.query(
    `INSERT INTO notification (id, recipient, kind, task_id, cycle_id, title, created_at) VALUES
       ($1 || ':reminder', 'group:/departments/soziales', 'reminder', $1, $2, 'Erinnerung', now() + interval '1 second'),
       ($1 || ':escalation:1', 'group:/committees/working-group', 'escalation', $1, $2, 'Überfällig', now() + interval '2 seconds')`,
    [taskId, cycleId],
  );

  const history = await historyOf('soziales', taskId);
  expect(history.map((h) => h.kind)).toEqual(['created', 'claimed', 'delegated', 'unclaimed', 'commented', 'reminder', 'escalated']);
  const [created, claimed, delegated, unclaimed, commented, reminder, escalated] = history;
  expect(created).toMatchObject({ actor: null, detail: expect.stringMatching(/^fällig am \d{2}\.\d{2}\.\d{4}$/) });
  expect(claimed).toMatchObject({ actor: { id: sophie, name: 'Sophie Soziales' }, detail: null });
  expect(delegated).toMatchObject({ actor: { id: sophie }, target: { id: viktor.id, name: 'Viktor Vertretung' }, detail: 'Viktor Vertretung' });
  expect(unclaimed).toMatchObject({ actor: { name: 'Paula Planer' }, detail: 'vorher bei Viktor Vertretung' });
  expect(commented).toMatchObject({ actor: { id: sophie }, detail: 'Übernehme ich nächste Woche.' });
  expect(reminder).toMatchObject({ actor: null });
  expect(escalated).toMatchObject({ actor: null, detail: 'Stufe 1: an den Arbeitskreis Sozialraum' });
  const times = history.map((h) => Date.parse(h.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
});

test('when a task is cancelled by the cycle or completed, then the history ends with it', async () => {
  await service.deps.pool.query(`UPDATE task SET status = 'cancelled', updated_at = now() WHERE id = $1`, [otherId]);
  expect((await historyOf('soziales', otherId)).map((h) => h.kind)).toEqual(['created', 'cancelled']);
  // A completion accepted through the API: the task row and the completion record, as task-complete writes them.
  await service.deps.pool.query(
    `WITH done AS (UPDATE task SET status = 'completed', completed_by = 'Sophie Soziales', completed_at = now() + interval '3 seconds' WHERE id = $1)
     INSERT INTO task_completion (task_id, state, holder, by_id, by_name, lease_until) VALUES ($1, 'done', 'h', 'sophie-id', 'Sophie Soziales', now())`,
    [taskId],
  );
  expect((await historyOf('soziales', taskId)).at(-1)).toMatchObject({ kind: 'completed', actor: { id: 'sophie-id', name: 'Sophie Soziales' }, detail: null });
});

test('when someone who may not see the task asks for its history, then 404 task-not-found', async () => {
  const response = await as(service, 'jugend').get(taskPath(taskId, 'history'));
  expect(response.status).toBe(404);
  expect(response.body.type).toBe(taskProblemType('task-not-found'));
  expect((await as(service, 'planer').get(taskPath(taskId, 'history'))).status).toBe(200);
});
