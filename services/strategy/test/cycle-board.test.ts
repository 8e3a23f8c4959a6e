import { as, runId, seedCycle, seedTask, startStrategy, type StrategyService } from './helpers/strategy';

/**
 * The cycles board's counts: each cycle of `GET /v1/cycles` carries its open and overdue tasks, counted over
 * the tasks the caller may see, on read-model rows as the workflow's activities write them.
 */
let service: StrategyService;
const run = runId();
const space = `K${run}`;
const otherSpace = `L${run}`;
const cycleId = `cycle-${space}-1`;
const quietCycleId = `cycle-${otherSpace}-1`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Listed = { id: string; taskCounts: { open: number; overdue: number } };
const countsOf = async (user: string, query = `space=${space}`) =>
  Object.fromEntries(((await as(service, user).get(`/v1/cycles?${query}`)).body.items as Listed[]).map((c) => [c.id, c.taskCounts]));

beforeAll(async () => {
  service = await startStrategy();
  const db = service.deps.pool;
  await seedCycle(db, { id: cycleId, space, number: 1, status: 'running', phase: 'implementation', departments: ['soziales', 'jugend'] });
  await seedCycle(db, { id: quietCycleId, space: otherSpace, number: 1, status: 'running', phase: 'analysis' });
  const task = (key: string, group: string, dueInMs: number) =>
    seedTask(db, { cycleId, space, key, type: 'report-status', phase: 'implementation', candidateGroups: [group], dueInMs });
  await task('report-soziales-1', 'group:/departments/soziales', -HOUR);
  await task('report-soziales-2', 'group:/departments/soziales', 10 * DAY);
  await task('report-jugend-1', 'group:/departments/jugend', -2 * HOUR);
  await task('report-jugend-2', 'group:/departments/jugend', 3 * DAY);
  await task('report-jugend-3', 'group:/departments/jugend', 4 * DAY);
  const done = await task('report-soziales-0', 'group:/departments/soziales', -DAY);
  await db.query(`UPDATE task SET status = 'completed', completed_at = now() WHERE id = $1`, [done]);
  // A jugend task delegated to a soziales colleague counts for jugend and for that colleague.
  const sozialesId = (await as(service, 'soziales').get('/v1/me')).body.id as string;
  await db.query(`UPDATE task SET assignee_id = $2, assignee_name = 'Sophie Soziales' WHERE id = $1`, [`${cycleId}/report-jugend-3`, sozialesId]);
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = ANY ($1)', [[cycleId, quietCycleId]]);
  await service.close();
});

test('when a planner lists the cycles, then each carries all its open tasks and those past their due date; a completed one counts for none', async () => {
  expect(await countsOf('planer')).toEqual({ [cycleId]: { open: 5, overdue: 2 } });
  expect(await countsOf('koordination')).toEqual({ [cycleId]: { open: 5, overdue: 2 } });
});

test('when department staff list the cycles, then only their own department\'s tasks and those assigned to them count', async () => {
  expect(await countsOf('soziales')).toEqual({ [cycleId]: { open: 3, overdue: 1 } });
  expect(await countsOf('jugend')).toEqual({ [cycleId]: { open: 3, overdue: 1 } });
  // Nothing of the departments' is the committee's to do.
  expect(await countsOf('lenkung')).toEqual({ [cycleId]: { open: 0, overdue: 0 } });
});

test('when a cycle has no open task, then it is listed with zero counts', async () => {
  expect(await countsOf('planer', `space=${otherSpace}`)).toEqual({ [quietCycleId]: { open: 0, overdue: 0 } });
});

test('when the list is filtered by department and phase, then the counts come with the cycles that remain', async () => {
  expect(await countsOf('planer', `space=${space}&department=jugend&phase=implementation`)).toEqual({ [cycleId]: { open: 5, overdue: 2 } });
  expect(await countsOf('planer', `space=${space}&department=wohnen`)).toEqual({});
});
