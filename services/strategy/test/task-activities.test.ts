import type { TaskRow } from '@sozialraum/contracts';
import { createStrategyActivities } from '../src/activities';
import { runId, seedCycle, startStrategy, type StrategyService } from './helpers/strategy';

/**
 * The activities on the way from a completion to the next task, called as the worker calls them (each one
 * statement now): Temporal retries activities, so running one twice must leave what running it once leaves.
 */
let service: StrategyService;
/** A space of this run's own: cycle numbers are unique per space, and the test database outlives a run. */
const SPACE = `ACT${runId()}`;
const queued: string[][] = [];
let activities: ReturnType<typeof createStrategyActivities>;

beforeAll(async () => {
  service = await startStrategy({ RUN_JOBS: 'false' });
  const { pool, temporal, notify, logger } = service.deps;
  activities = createStrategyActivities({ pool, temporal, logger, notify: async (ids) => {
      queued.push(ids);
      await notify(ids);
    } });
});
afterAll(() => service?.close());

const task = (cycleId: string, key: string): TaskRow => ({
  id: `${cycleId}/${key}`, cycleId, spaceCode: SPACE, key, type: 'document-participation', phase: 'participation',
  candidateGroups: ['role:koordination', 'group:/departments/soziales'], measureIds: [], createdAt: '2026-03-01T10:00:00.000Z',
  dueAt: '2026-03-15T10:00:00.000Z', context: { note: 'x' },
});
const rows = async (sql: string, id: string) => (await service.deps.pool.query(sql, [id])).rows;

test('when createTask runs twice for the same task, then one open task, one notification per candidate group, the same IDs queued both times', async () => {
  const cycleId = await seedCycle(service.deps.pool, { id: `act-${runId()}`, space: SPACE, number: 1, status: 'running', phase: 'participation' });
  const t = task(cycleId, 'participation');
  queued.length = 0;
  await activities.createTask(t);
  await activities.createTask(t);

  expect(await rows(`SELECT status, type, candidate_groups AS groups, context FROM task WHERE id = $1`, t.id)).toEqual([
    { status: 'open', type: 'document-participation', groups: t.candidateGroups, context: { note: 'x' } },
  ]);
  const notifications = await rows(`SELECT id, recipient, kind, cycle_id AS "cycleId", title, created_at AS "createdAt" FROM notification WHERE task_id = $1 ORDER BY id`, t.id);
  expect(notifications).toEqual([
    { id: `${t.id}:task-created:group:/departments/soziales`, recipient: 'group:/departments/soziales', kind: 'task-created', cycleId, title: 'Neue Aufgabe: Beteiligung dokumentieren', createdAt: new Date(t.createdAt) },
    { id: `${t.id}:task-created:role:koordination`, recipient: 'role:koordination', kind: 'task-created', cycleId, title: 'Neue Aufgabe: Beteiligung dokumentieren', createdAt: new Date(t.createdAt) },
  ]);
  const ids = [`${t.id}:task-created:role:koordination`, `${t.id}:task-created:group:/departments/soziales`];
  expect(queued).toEqual([ids, ids]);
});

test('when the cycle was cancelled, then createTask opens no task, writes no notification and queues none', async () => {
  const cycleId = await seedCycle(service.deps.pool, { id: `act-${runId()}`, space: SPACE, number: 2, status: 'cancelled', phase: 'participation' });
  const t = task(cycleId, 'participation');
  queued.length = 0;
  await activities.createTask(t);

  expect(await rows(`SELECT id FROM task WHERE id = $1`, t.id)).toEqual([]);
  expect(await rows(`SELECT id FROM notification WHERE cycle_id = $1`, cycleId)).toEqual([]);
  expect(queued).toEqual([]);
});

test('when completeTask of a task without domain records runs twice, then the task holds the one result and no measures come back', async () => {
  const cycleId = await seedCycle(service.deps.pool, { id: `act-${runId()}`, space: SPACE, number: 3, status: 'running', phase: 'analysis' });
  const t = { ...task(cycleId, 'analysis'), type: 'review-analysis' as const, phase: 'analysis' as const };
  await activities.createTask(t);
  const completion = { cycleId, task: { id: t.id, type: t.type }, result: { summary: 'Gelesen' }, by: { id: 'u1', name: 'Paula Planer' }, at: '2026-03-02T09:00:00.000Z' };

  expect(await activities.completeTask(completion)).toEqual({ measures: [] });
  expect(await activities.completeTask(completion)).toEqual({ measures: [] });
  expect(await rows(`SELECT status, result, completed_by AS by, completed_at AS at FROM task WHERE id = $1`, t.id)).toEqual([
    { status: 'completed', result: { summary: 'Gelesen' }, by: 'Paula Planer', at: new Date(completion.at) },
  ]);
});
