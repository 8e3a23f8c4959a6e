import { as, runId, seedCycle, seedTask, startStrategy, type StrategyService } from './helpers/strategy';

/**
 * The inbox's filters (phase, due, assigned, escalated) and its badge counts, on read-model rows as the
 * workflow's activities write them. Other tests write tasks into the same database meanwhile, so lists and
 * counts are read within this file's cycle.
 */
let service: StrategyService;
const run = runId();
const space = `B${run}`;
const cycleId = `cycle-${space}-1`;
const ids: Record<string, string> = {};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const listed = async (user: string, query: string) =>
  ((await as(service, user).get(`/v1/tasks?cycle=${cycleId}&${query}`)).body.items as Array<{ id: string }>).map((t) => t.id).sort();
// Counted within this file's cycle: other packages' tests write tasks into the same database meanwhile.
const counts = async (user: string) =>
  (await as(service, user).get(`/v1/tasks/counts?cycle=${cycleId}`)).body as Record<string, number | null>;

beforeAll(async () => {
  service = await startStrategy();
  const db = service.deps.pool;
  await seedCycle(db, { id: cycleId, space, number: 1, status: 'running', phase: 'implementation', departments: ['soziales', 'jugend'] });
  const task = (key: string, type: string, phase: string, group: string, dueInMs: number) =>
    seedTask(db, { cycleId, space, key, type, phase, candidateGroups: [group], dueInMs });
  ids.soon = await task('propose-soziales-1', 'propose-measures', 'measure-development', 'group:/departments/soziales', DAY);
  ids.overdueMine = await task('report-soziales-1', 'report-status', 'implementation', 'group:/departments/soziales', -HOUR);
  ids.later = await task('report-soziales-2', 'report-status', 'implementation', 'group:/departments/soziales', 10 * DAY);
  ids.jugend = await task('report-jugend-1', 'report-status', 'implementation', 'group:/departments/jugend', -2 * HOUR);
  ids.planners = await task('analysis', 'review-analysis', 'analysis', 'role:planner', 2 * DAY);
  ids.done = await task('report-soziales-0', 'report-status', 'implementation', 'group:/departments/soziales', -DAY);
  const sozialesId = (await as(service, 'soziales').get('/v1/me')).body.id as string;
  await db.query(`UPDATE task SET assignee_id = $2, assignee_name = 'Sophie Soziales', escalation_level = 1 WHERE id = $1`, [ids.overdueMine, sozialesId]);
  await db.query(`UPDATE task SET escalation_level = 2 WHERE id = $1`, [ids.jugend]);
  await db.query(`UPDATE task SET status = 'completed', completed_at = now() WHERE id = $1`, [ids.done]);
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycleId]);
  await service.close();
});

describe('inbox filters', () => {
  test('when the inbox is filtered by due date, then overdue means open and past due, soon means due within 3 days', async () => {
    expect(await listed('planer', 'scope=all&due=overdue')).toEqual([ids.jugend, ids.overdueMine].sort());
    expect(await listed('planer', 'scope=all&due=soon')).toEqual([ids.planners, ids.soon].sort());
    // A completed task is never overdue, whatever its due date.
    expect(await listed('planer', 'scope=all&due=overdue&status=completed')).toEqual([]);
    expect(await listed('planer', 'scope=all&status=completed')).toEqual([ids.done]);
  });

  test('when the inbox is filtered by assignment, phase or escalation, then only those tasks come', async () => {
    expect(await listed('soziales', 'assigned=me')).toEqual([ids.overdueMine]);
    expect(await listed('soziales', 'assigned=unassigned')).toEqual([ids.later, ids.soon].sort());
    expect(await listed('soziales', 'assigned=any')).toEqual([ids.later, ids.overdueMine, ids.soon].sort());
    expect(await listed('planer', 'scope=all&phase=implementation')).toEqual([ids.jugend, ids.later, ids.overdueMine].sort());
    expect(await listed('planer', 'scope=all&escalated=true')).toEqual([ids.jugend, ids.overdueMine].sort());
    expect(await listed('planer', 'scope=all&escalated=false&phase=implementation')).toEqual([ids.later]);
    expect(await listed('soziales', 'due=overdue&assigned=me&phase=implementation')).toEqual([ids.overdueMine]);
  });

  test('when a filter value is not one of the allowed ones, then 400', async () => {
    for (const query of ['due=later', 'assigned=someone', 'phase=nap', 'escalated=maybe']) {
      const response = await as(service, 'soziales').get(`/v1/tasks?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('inbox counts', () => {
  test('when department staff ask for their badges, then only their own and their groups\' open tasks count, and "all" is null', async () => {
    const soziales = await counts('soziales');
    expect(soziales.all).toBeNull();
    expect(soziales).toEqual({ mine: 1, groups: 3, all: null, overdue: 1, unassigned: 2, escalated: 1 });
    // jugend's overdue, escalated task counts for jugend, never for soziales.
    expect(await counts('jugend')).toEqual({ mine: 0, groups: 1, all: null, overdue: 1, unassigned: 1, escalated: 1 });
  });

  test('when a planner asks for the badges, then "all" and the overdue, unassigned and escalated counts cover every department', async () => {
    expect(await counts('planer')).toEqual({ mine: 0, groups: 1, all: 5, overdue: 2, unassigned: 4, escalated: 2 });
    const everywhere = (await as(service, 'planer').get('/v1/tasks/counts')).body as Record<string, number>;
    expect(everywhere.all).toBeGreaterThanOrEqual(5);
  });

  test('when the counts are compared with the lists behind them, then they agree', async () => {
    const soziales = await counts('soziales');
    const page = async (query: string) => (await as(service, 'soziales').get(`/v1/tasks?cycle=${cycleId}&${query}&limit=1`)).body.total as number;
    expect(await page('scope=mine')).toBe(soziales.mine);
    expect(await page('scope=groups')).toBe(soziales.groups);
    expect(await page('scope=groups&due=overdue')).toBe(soziales.overdue);
    expect(await page('scope=groups&assigned=unassigned')).toBe(soziales.unassigned);
    expect(await page('scope=groups&escalated=true')).toBe(soziales.escalated);
  });
});
