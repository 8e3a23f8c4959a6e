import type { StartedProcess } from '@sozialraum/kit/testing';
import { waitFor } from '@sozialraum/kit/testing';
import { bundleCycleWorkflows, type CycleWorker, freshSpace, startCycleWorker, terminateCycles } from './helpers/cycle-worker';
import { startMonitoring, stopProcess } from './helpers/processes';
import { as, runId, startStrategy, type StrategyService, taskPath } from './helpers/strategy';

/**
 * One whole cycle of STGT01 through the API, every step by the person whose role and group it needs,
 * with their real Keycloak tokens — and on into the next cycle.
 */
const SPACE = 'STGT01';
const QUEUE_PREFIX = 'strategy-full-cycle-';
const taskQueue = `${QUEUE_PREFIX}${runId()}`;
let service: StrategyService;
let monitoring: StartedProcess;
let worker: CycleWorker;

type Task = { id: string; type: string; department: string | null; measureIds: string[] };

async function inboxTask(user: string, cycleId: string, type: string, department?: string): Promise<Task> {
  let found: Task | undefined;
  await waitFor(async () => {
    const inbox = await as(service, user).get(`/v1/tasks?type=${type}&cycle=${cycleId}&status=open`);
    found = (inbox.body.items as Task[]).find((t) => department === undefined || t.department === department);
    return found !== undefined;
  }, 30_000, `${type} in ${user}'s inbox`);
  return found!;
}

async function completeAs(user: string, cycleId: string, type: string, result: unknown, department?: string): Promise<Task> {
  const task = await inboxTask(user, cycleId, type, department);
  const response = await as(service, user).post(taskPath(task.id, 'complete'), { result });
  expect([user, type, response.status]).toEqual([user, type, 200]);
  return task;
}

beforeAll(async () => {
  const bundle = bundleCycleWorkflows();
  monitoring = await startMonitoring(taskQueue);
  // Reports every 2 s, so implementation is over as soon as both measures are reported finished.
  service = await startStrategy({ CYCLE_TASK_QUEUE: taskQueue, MONITORING_URL: monitoring.url, CYCLE_REPORT_INTERVAL_MS: '2000' });
  await freshSpace(monitoring, service.deps, SPACE);
  worker = await startCycleWorker({ taskQueue, bundle: await bundle, monitoringUrl: monitoring.url });
}, 60_000);
afterAll(async () => {
  await terminateCycles(service.deps.temporal, SPACE, QUEUE_PREFIX);
  await worker?.shutdown();
  await service?.close();
  if (monitoring) await stopProcess(monitoring);
});

test('when every role does its part through the API, then the cycle passes every phase and the next cycle starts', async () => {
  const started = await as(service, 'planer').post('/v1/cycles', { spaceCode: SPACE });
  expect(started.status).toBe(201);
  const cycleId: string = started.body.id;

  await completeAs('planer', cycleId, 'review-analysis', { summary: 'Arbeitslosigkeit über dem städtischen Mittel' });
  await completeAs('koordination', cycleId, 'document-participation', {
    records: [{ format: 'neighbourhood-conference', date: '2026-11-03', actors: ['Bürgerverein Altstadt'], targetGroups: ['youth'], participants: 41, results: 'Mehr Angebote für Jugendliche' }],
    close: true,
  });
  await completeAs('planer', cycleId, 'set-goals', {
    goals: [{ title: 'Jugendarbeitslosigkeit senken', indicatorKey: 'alq', targetValue: 7, targetYear: 2028 }],
    needs: [{ key: 'jugend-arbeit', title: 'Übergang in Ausbildung', targetGroups: ['youth'], departments: ['soziales', 'jugend'] }],
  });
  await completeAs('planer', cycleId, 'review-goals', { decision: 'approve' });
  for (const department of ['soziales', 'jugend']) {
    await completeAs(department, cycleId, 'propose-measures', {
      decision: 'propose',
      measures: [{ title: `Beratung (${department})`, description: 'Wöchentlich im Stadtteil', needKey: 'jugend-arbeit', budgetPlanned: 20_000 }],
    }, department);
  }
  const decide = await inboxTask('lenkung', cycleId, 'decide-package');
  const measureIds = (await as(service, 'lenkung').get(taskPath(decide.id))).body.measureIds as string[];
  expect(measureIds).toHaveLength(2);
  await completeAs('lenkung', cycleId, 'decide-package', { decisions: measureIds.map((measureId) => ({ measureId, decision: 'approve', budgetPlanned: 20_000 })) });

  for (const department of ['soziales', 'jugend']) {
    const report = await inboxTask(department, cycleId, 'report-status', department);
    await completeAs(department, cycleId, 'report-status', {
      reports: report.measureIds.map((measureId) => ({ measureId, progress: 100, trafficLight: 'green', text: 'Abgeschlossen', finished: true })),
    }, department);
  }
  for (const department of ['soziales', 'jugend']) {
    await completeAs(department, cycleId, 'evaluate-measure', {
      measureId: (await inboxTask(department, cycleId, 'evaluate-measure', department)).measureIds[0],
      outcome: 'Angebot wird gut angenommen',
      recommendation: 'continue',
    }, department);
  }
  await completeAs('planer', cycleId, 'reflect-cycle', { summary: 'Ziele teilweise erreicht', lessons: 'Früher beteiligen' });
  await completeAs('lenkung', cycleId, 'acknowledge-report', { comment: 'Zur Kenntnis genommen' });

  await waitFor(async () => (await as(service, 'planer').get(`/v1/cycles/${cycleId}`)).body.status === 'completed', 30_000, 'cycle completed');
  const cycle = (await as(service, 'planer').get(`/v1/cycles/${cycleId}`)).body;
  expect(cycle.phases.map((p: { phase: string }) => p.phase)).toEqual([
    'analysis', 'participation', 'goal-setting', 'measure-development', 'decision', 'implementation', 'reflection',
  ]);

  const nextId = `cycle-${SPACE}-${Number(cycleId.split('-').at(-1)) + 1}`;
  await inboxTask('planer', nextId, 'review-analysis');
  const next = (await as(service, 'planer').get(`/v1/cycles/${nextId}`)).body;
  expect(next).toMatchObject({ status: 'running', phase: 'analysis', number: cycle.number + 1 });
});
