import { historyQuery, taskProblemType } from '@sozialraum/contracts';
import type { StartedProcess } from '@sozialraum/kit/testing';
import { waitFor } from '@sozialraum/kit/testing';
import { bundleCycleWorkflows, type CycleWorker, freshSpace, startCycleWorker, terminateCycles } from './helpers/cycle-worker';
import { alertOn, ensureSpaces, startMonitoring, stopProcess } from './helpers/processes';
import { as, runId, startStrategy, type StrategyService, taskPath } from './helpers/strategy';

/**
 * A real cycle driven through the API: the workflow runs in a worker in this process on its own task
 * queue, with the real activities. STGT03 is a space the demo user koordination coordinates.
 */
const SPACE = 'STGT03';
const run0 = Date.now().toString(36).toUpperCase();
/** A space nobody coordinates, for starts that are not driven further. */
const OTHER = `D${run0}`;
const QUEUE_PREFIX = 'strategy-api-cycles-';
const run = runId();
const taskQueue = `${QUEUE_PREFIX}${run}`;
let service: StrategyService;
let monitoring: StartedProcess;
let worker: CycleWorker;
let cycleId: string;

type Task = { id: string; type: string; key: string; department: string | null };

/** Waits until a task of the type shows in the user's inbox (as the UI polls it). */
async function inboxTask(user: string, type: string, filter: (t: Task) => boolean = () => true): Promise<Task> {
  let found: Task | undefined;
  await waitFor(async () => {
    const inbox = await as(service, user).get(`/v1/tasks?type=${type}&space=${SPACE}&cycle=${cycleId}`);
    found = (inbox.body.items as Task[]).find(filter);
    return found !== undefined;
  }, 20_000, `${type} in ${user}'s inbox`);
  return found!;
}

const complete = (user: string, task: Task, result: unknown) => as(service, user).post(taskPath(task.id, 'complete'), { result });

beforeAll(async () => {
  const bundle = bundleCycleWorkflows();
  monitoring = await startMonitoring(taskQueue);
  service = await startStrategy({ CYCLE_TASK_QUEUE: taskQueue, MONITORING_URL: monitoring.url });
  await ensureSpaces(monitoring, OTHER);
  await freshSpace(monitoring, service.deps, SPACE);
  worker = await startCycleWorker({ taskQueue, bundle: await bundle, monitoringUrl: monitoring.url });
}, 60_000);
afterAll(async () => {
  await terminateCycles(service.deps.temporal, SPACE, QUEUE_PREFIX);
  await terminateCycles(service.deps.temporal, OTHER, QUEUE_PREFIX);
  await worker?.shutdown();
  await service?.close();
  if (monitoring) await stopProcess(monitoring);
});

test('when the alert given does not exist in monitoring, then the start is refused with 422', async () => {
  const response = await as(service, 'planer').post('/v1/cycles', { spaceCode: SPACE, alertId: 987_654_321 });
  expect(response.status).toBe(422);
  expect(response.body.errors).toEqual([{ pointer: '/body/alertId', detail: 'does not exist in monitoring' }]);
});

test('when the space does not exist in monitoring, then the start is refused with 422 and no workflow starts', async () => {
  const unknown = `NONE${run0}`;
  const response = await as(service, 'planer').post('/v1/cycles', { spaceCode: unknown });
  expect(response.status).toBe(422);
  expect(response.body.errors).toEqual([{ pointer: '/body/spaceCode', detail: 'does not exist in monitoring' }]);
  await expect(service.deps.temporal.workflow.getHandle(`cycle-${unknown}-1`).describe()).rejects.toThrow(/not found/i);
});

test('when a planner double-clicks "start", then one cycle starts (201) and the second click is refused (409)', async () => {
  const planer = as(service, 'planer');
  const clicks = await Promise.all([planer.post('/v1/cycles', { spaceCode: OTHER }), planer.post('/v1/cycles', { spaceCode: OTHER })]);
  expect(clicks.map((c) => c.status).sort()).toEqual([201, 409]);
  const refused = clicks.find((c) => c.status === 409)!;
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(refused.body.cycleId).toBe(`cycle-${OTHER}-1`);
});

test('when a start with an alert is retried with the same Idempotency-Key, then one cycle starts, every retry gets the same answer, and the alert is linked', async () => {
  const alertId = await alertOn(monitoring, service.deps.pool, SPACE, run);
  const key = { 'Idempotency-Key': `start-${run}` };
  const planer = as(service, 'planer');
  const [first, retry] = await Promise.all([
    planer.post('/v1/cycles', { spaceCode: SPACE, alertId }, key),
    planer.post('/v1/cycles', { spaceCode: SPACE, alertId }, key),
  ]);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ spaceCode: SPACE, status: 'running', phase: 'analysis', alertId, startedBy: expect.any(String) });
  expect(retry.status).toBe(201);
  expect(retry.body.id).toBe(first.body.id);
  cycleId = first.body.id;
  expect(cycleId).toMatch(new RegExp(`^cycle-${SPACE}-\\d+$`));
  const later = await planer.post('/v1/cycles', { spaceCode: SPACE, alertId }, key);
  expect(later.status).toBe(201);
  expect(later.body.id).toBe(first.body.id);
  expect((await planer.post('/v1/cycles', { spaceCode: SPACE }, { 'Idempotency-Key': `other-${run}` })).status).toBe(409);
  expect((await planer.post('/v1/cycles', { spaceCode: 'STGT08' }, key)).status).toBe(422);
  // The workflow hands the alert over to the cycle in monitoring.
  await waitFor(async () => {
    const { rows } = await service.deps.pool.query('SELECT status, cycle_reference FROM monitoring.alert WHERE id = $1', [alertId]);
    return rows[0]?.status === 'handed-over' && rows[0]?.cycle_reference === cycleId;
  }, 10_000, 'the alert handed over');
});

test('when the cycle is suspended, then completing its task is refused with cycle-not-running until it is resumed', async () => {
  const analysis = await inboxTask('planer', 'review-analysis');
  const planer = as(service, 'planer');
  expect((await planer.post(`/v1/cycles/${cycleId}/suspend`, { reason: 'Klausurtagung' })).status).toBe(202);
  const refused = await complete('planer', analysis, { summary: 'zu früh' });
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ type: taskProblemType('cycle-not-running'), refusal: 'CycleNotRunning' });
  expect((await planer.post(`/v1/cycles/${cycleId}/resume`)).status).toBe(202);
  await waitFor(async () => (await planer.get(`/v1/cycles/${cycleId}`)).body.status === 'running', 10_000, 'running again');
});

test('when the planner completes the analysis task twice at once, then one is accepted, the other refused, and the cycle moves on once', async () => {
  const analysis = await inboxTask('planer', 'review-analysis');
  expect((await as(service, 'koordination').get(`/v1/tasks?scope=groups&type=review-analysis&cycle=${cycleId}`)).body.items).toEqual([]);
  const result = { summary: 'Hohe Kinderarmut, steigende Arbeitslosigkeit.' };
  const answers = await Promise.all([complete('planer', analysis, result), complete('planer', analysis, result)]);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  const accepted = answers.find((a) => a.status === 200)!;
  expect(accepted.body.task).toMatchObject({ id: analysis.id, status: 'completed' });
  const second = answers.find((a) => a.status === 409)!;
  expect([taskProblemType('completion-in-progress'), taskProblemType('task-not-open')]).toContain(second.body.type);
  const third = await complete('planer', analysis, result);
  expect(third.status).toBe(409);
  expect(third.body.type).toBe(taskProblemType('task-not-open'));
  // The task's history ends with the completion, by the planner.
  const me = (await as(service, 'planer').get('/v1/me')).body.id as string;
  const taskHistory = (await as(service, 'planer').get(taskPath(analysis.id, 'history'))).body.items;
  expect(taskHistory[0].kind).toBe('created');
  expect(taskHistory.at(-1)).toMatchObject({ kind: 'completed', actor: { id: me, name: 'Paula Planer' } });
  const history = await service.deps.temporal.workflow.getHandle(cycleId).query(historyQuery);
  expect(history.filter((h) => h.event === 'task-completed' && h.taskId === analysis.id)).toHaveLength(1);
});

test('when the participation phase begins, then koordination finds the task in its inbox and closes the phase with a documented format, which it reads at once', async () => {
  const task = await inboxTask('koordination', 'document-participation');
  expect((await as(service, 'soziales').get(taskPath(task.id))).status).toBe(404);
  const refused = await complete('koordination', task, { records: [], close: true });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ type: taskProblemType('phase-rule-violated'), refusal: 'PhaseRuleViolated' });
  const done = await complete('koordination', task, {
    records: [{ format: 'walk', date: '2026-05-04', actors: ['Stadtteilverein'], targetGroups: ['old'], participants: 23, results: 'Mehr Bänke.' }],
    close: true,
  });
  expect(done.status).toBe(200);
  // Read-your-writes: the answer came after the cycle's write committed, so its record is there at once, no waiting.
  const detail = await as(service, 'koordination').get(`/v1/cycles/${cycleId}`);
  expect(detail.body.participation).toEqual([expect.objectContaining({ format: 'walk', participants: 23 })]);
  expect((await as(service, 'koordination').get(`/v1/tasks?scope=groups&type=document-participation&status=open&cycle=${cycleId}`)).body.items).toEqual([]);
});

test('when refused requests and a legitimate completion race, then the legitimate one succeeds: a refused request never takes the lease', async () => {
  const setGoals = await inboxTask('planer', 'set-goals');
  const goals = {
    goals: [{ title: 'Kinderarmut senken' }],
    needs: [
      { key: 'treff', title: 'Treffpunkt für Ältere', targetGroups: ['old'], departments: ['soziales'] },
      { key: 'kita', title: 'Kita-Plätze', targetGroups: ['children'], departments: ['jugend'] },
    ],
  };
  const refusals = () => [
    complete('soziales', setGoals, goals), // not visible to soziales
    complete('koordination', setGoals, goals), // visible, but not a candidate
    complete('planer', setGoals, { goals: [] }), // a candidate, but a result that does not fit the form
  ];
  const refused = [404, 403, 400];
  // Another lease being inserted and not yet committed: a request that reaches for the lease waits for it.
  const holding = await service.deps.pool.connect();
  try {
    await holding.query('BEGIN');
    await holding.query(
      `INSERT INTO task_completion (task_id, state, holder, by_id, by_name, lease_until) VALUES ($1, 'pending', 'held', 'x', 'X', now() + interval '1 minute')`,
      [setGoals.id],
    );
    const waited = new Promise<'waited for the lease'>((resolve) => setTimeout(() => resolve('waited for the lease'), 5_000).unref());
    const answers = await Promise.race([Promise.all(refusals()), waited]);
    expect(answers === 'waited for the lease' ? answers : answers.map((a) => a.status)).toEqual(refused);
  } finally {
    await holding.query('ROLLBACK');
    holding.release();
  }
  const [legitimate, ...others] = await Promise.all([complete('planer', setGoals, goals), ...refusals()]);
  expect(others.map((a) => a.status)).toEqual(refused);
  expect(legitimate.status).toBe(200);
  expect(legitimate.body.task).toMatchObject({ id: setGoals.id, status: 'completed' });
});

test('when goals are set and approved, then each responsible department proposes in isolation and the steering committee decides', async () => {
  expect((await complete('planer', await inboxTask('planer', 'review-goals'), { decision: 'approve' })).status).toBe(200);

  const jugendTask = await inboxTask('jugend', 'propose-measures');
  const sozialesTask = await inboxTask('soziales', 'propose-measures');
  expect(jugendTask.department).toBe('jugend');
  // soziales sees only its own task and cannot act on jugend's.
  const sozialesInbox = await as(service, 'soziales').get(`/v1/tasks?cycle=${cycleId}`);
  expect(sozialesInbox.body.items.map((t: Task) => t.id)).toEqual([sozialesTask.id]);
  expect((await as(service, 'soziales').get(taskPath(jugendTask.id))).status).toBe(404);
  expect((await complete('soziales', jugendTask, { decision: 'decline', reason: 'nicht zuständig' })).status).toBe(404);
  const detail = await as(service, 'soziales').get(`/v1/cycles/${cycleId}`);
  expect(detail.body.needs.map((n: { key: string }) => n.key)).toEqual(['treff']);

  expect((await complete('jugend', jugendTask, { decision: 'decline', reason: 'Ausbau läuft bereits über den Kita-Bedarfsplan.' })).status).toBe(200);
  const proposed = await complete('soziales', sozialesTask, {
    decision: 'propose',
    measures: [{ title: 'Seniorentreff', description: 'Ein offener Treff im Quartier.', needKey: 'treff', budgetPlanned: 12000 }],
  });
  expect(proposed.status).toBe(200);

  const decide = await inboxTask('lenkung', 'decide-package');
  expect((await complete('planer', decide, { decisions: [{ measureId: 'x', decision: 'approve', budgetPlanned: null }] })).status).toBe(403);
  const full = await as(service, 'lenkung').get(taskPath(decide.id));
  const measureIds = full.body.measureIds as string[];
  expect(measureIds).toHaveLength(1);
  const decided = await complete('lenkung', decide, { decisions: [{ measureId: measureIds[0], decision: 'approve', budgetPlanned: 12000 }] });
  expect(decided.status).toBe(200);
  await waitFor(async () => (await as(service, 'planer').get(`/v1/cycles/${cycleId}`)).body.phase === 'implementation', 10_000, 'implementation');
  const cycle = (await as(service, 'planer').get(`/v1/cycles/${cycleId}`)).body;
  expect(cycle.phases.map((p: { phase: string }) => p.phase)).toEqual(['analysis', 'participation', 'goal-setting', 'measure-development', 'decision', 'implementation']);
  expect(cycle.participation).toHaveLength(1);
  expect(cycle.decisions).toMatchObject([{ measureId: measureIds[0], decision: 'approve' }]);
  expect(cycle.departments.sort()).toEqual(['jugend', 'soziales']);
});

test('when a planner suspends, resumes and cancels the cycle, then the workflow follows and the space is free for the next cycle', async () => {
  const planer = as(service, 'planer');
  const suspended = await planer.post(`/v1/cycles/${cycleId}/suspend`, { reason: 'Haushaltssperre' });
  expect(suspended.status).toBe(202);
  expect(suspended.body.status).toBe('suspended');
  expect((await planer.post('/v1/cycles', { spaceCode: SPACE })).status).toBe(409);
  const resumed = await planer.post(`/v1/cycles/${cycleId}/resume`);
  expect(resumed.body.status).toBe('running');
  const cancelled = await planer.post(`/v1/cycles/${cycleId}/cancel`, { reason: 'Neuer Zuschnitt des Sozialraums' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled' });
  expect((await planer.post(`/v1/cycles/${cycleId}/cancel`, { reason: 'nochmal' })).status).toBe(409);
  const next = await planer.post('/v1/cycles', { spaceCode: SPACE });
  expect(next.status).toBe(201);
  expect(next.body.number).toBe(Number(cycleId.split('-').at(-1)) + 1);
});
