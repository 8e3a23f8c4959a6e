import { createServiceClient, type ServiceClient } from '@sozialraum/kit';
import { userToken, waitFor } from '@sozialraum/kit/testing';

/**
 * Flensburg strategy cycles in every phase up to implementation, driven through the APIs by the demo users,
 * so every inbox has something waiting: planer (analysis of 02 Neustadt, started from its alert),
 * koordination (participation in 03 Nordstadt), soziales and jugend (measure proposals for 13 Tarup),
 * lenkung (the decision on 01 Altstadt's package); 08 Sandberg is in implementation with measures in every
 * status, status reports and an evaluation.
 */
export interface StrategyDemoOptions {
  strategyUrl: string;
  monitoringUrl: string;
  measuresUrl: string;
}

interface Task {
  id: string;
  type: string;
}

type As = (user: string) => Promise<ServiceClient>;

function clients(baseUrl: string): As {
  const tokens = new Map<string, Promise<string>>();
  return async (user) => {
    if (!tokens.has(user)) tokens.set(user, userToken(user));
    const token = await tokens.get(user)!;
    return createServiceClient({ baseUrl, token: async () => token, timeoutMs: 60_000 });
  };
}

/** Waits until the workflow has put the task into the user's inbox, then completes it with the form. */
async function complete(as: As, user: string, space: string, type: string, result: unknown): Promise<void> {
  const api = await as(user);
  let task: Task | undefined;
  await waitFor(async () => {
    const page = await api<{ items: Task[] }>('GET', `/v1/tasks?scope=groups&space=${space}&type=${type}&status=open`);
    task = page.items[0];
    return task !== undefined;
  }, 60_000, `${type} task of ${space} in ${user}'s inbox`);
  await api('POST', `/v1/tasks/${encodeURIComponent(task!.id)}/complete`, { result });
}

async function waitForTasks(as: As, user: string, space: string, type: string): Promise<void> {
  const api = await as(user);
  await waitFor(
    async () => (await api<{ items: Task[] }>('GET', `/v1/tasks?scope=groups&space=${space}&type=${type}&status=open`)).items.length > 0,
    60_000,
    `${type} task of ${space} in ${user}'s inbox`,
  );
}

const analysis = (space: string) => ({ summary: `Monitoring ${space}: Statusindex und Dynamik geprüft; Schwerpunkte Arbeit und Kinderarmut.` });
const participation = {
  records: [
    { format: 'workshop', date: '2026-10-14', actors: ['Stadtteilverein', 'Kita Regenbogen', 'Jobcenter Flensburg'], targetGroups: ['families', 'children'], participants: 34, results: 'Wunsch nach Betreuungsangeboten am Nachmittag und Beratung vor Ort.' },
    { format: 'walk', date: '2026-10-21', actors: ['Quartiersmanagement', 'Seniorenbeirat'], targetGroups: ['old', 'people-with-disabilities'], participants: 18, results: 'Barrieren an Haltestellen, fehlende Treffpunkte.' },
  ],
  close: true,
};
const goals = {
  goals: [{ title: 'Arbeitslosenanteil senken', description: 'Junge Erwachsene in Ausbildung und Arbeit bringen', indicatorKey: 'alq', targetValue: 8, targetYear: 2028 }],
  needs: [{ key: 'uebergang-beruf', title: 'Übergang Schule–Beruf stärken', description: 'Beratung und Begleitung im Quartier', targetGroups: ['youth', 'job-seeking'], departments: ['soziales', 'jugend'] }],
};
const titles: Record<string, string[]> = {
  soziales: ['Quartiersbezogene Beschäftigungsberatung', 'Schuldnerberatung im Stadtteilhaus', 'Lotsendienst zu Sozialleistungen'],
  jugend: ['Jugendberufsagentur-Sprechstunde im Stadtteil', 'Ausbildungspatenschaften'],
};
const proposals = (department: string, count: number, prefix = '') => ({
  decision: 'propose',
  measures: Array.from({ length: count }, (_, i) => ({
    title: `${prefix}${titles[department]?.[i] ?? `Maßnahme ${i + 1}`}`,
    description: 'Wöchentlich vor Ort, gemeinsam mit Trägern der Jugendhilfe und dem Jobcenter.',
    needKey: 'uebergang-beruf',
    budgetPlanned: 20_000 + 8_000 * i,
    start: '2027-01-01',
    end: '2027-12-31',
  })),
});

async function throughGoals(as: As, space: string): Promise<void> {
  await complete(as, 'planer', space, 'review-analysis', analysis(space));
  await complete(as, 'koordination', space, 'document-participation', participation);
  await complete(as, 'planer', space, 'set-goals', goals);
  await complete(as, 'planer', space, 'review-goals', { decision: 'approve' });
}

interface MeasureView {
  id: string;
  title: string;
  status: string;
  version: number;
  department: string;
}

/** The decision task of the cycle, with the measures of its package. */
async function decide(as: As, space: string, decision: (measureId: string, index: number) => { decision: string; reason?: string }): Promise<void> {
  const lenkung = await as('lenkung');
  let task: (Task & { measureIds: string[] }) | undefined;
  await waitFor(async () => {
    task = (await lenkung<{ items: Array<Task & { measureIds: string[] }> }>('GET', `/v1/tasks?scope=groups&space=${space}&type=decide-package&status=open`)).items[0];
    return task !== undefined;
  }, 60_000, `decision on ${space}`);
  // Each decision carries the planned budget the task shows (an approval of anything else is refused).
  const { context } = await lenkung<{ context: { measures?: Array<{ measureId: string; budgetPlanned?: number }> } }>('GET', `/v1/tasks/${encodeURIComponent(task!.id)}`);
  const shown = new Map((context.measures ?? []).map((m) => [m.measureId, m.budgetPlanned ?? null]));
  const decisions = task!.measureIds.map((measureId, index) => ({ measureId, budgetPlanned: shown.get(measureId) ?? null, ...decision(measureId, index) }));
  await lenkung('POST', `/v1/tasks/${encodeURIComponent(task!.id)}/complete`, { result: { decisions } });
}

/**
 * 08 Sandberg in implementation, with its measures in every status (in the measures service): one in
 * progress with two status reports, one paused, one completed and evaluated, one cancelled, one rejected
 * after it had been returned once.
 */
async function implementation(as: As, measuresUrl: string): Promise<void> {
  const space = 'STGT08';
  await throughGoals(as, space);
  await complete(as, 'soziales', space, 'propose-measures', proposals('soziales', 3));
  await complete(as, 'jugend', space, 'propose-measures', proposals('jugend', 2));
  await decide(as, space, (_id, index) => (index === 4 ? { decision: 'return', reason: 'Bitte mit dem Jobcenter abstimmen' } : { decision: 'approve' }));
  // The returned measure goes back to its department, which proposes a reworked one.
  const planner = await as('planer');
  let reworked: (Task & { department: string }) | undefined;
  await waitFor(async () => {
    reworked = (await planner<{ items: Array<Task & { department: string }> }>('GET', `/v1/tasks?scope=all&space=${space}&type=propose-measures&status=open`)).items[0];
    return reworked !== undefined;
  }, 60_000, 'the returned measure back with its department');
  await complete(as, reworked!.department, space, 'propose-measures', proposals(reworked!.department, 1, 'Abgestimmt: '));
  await decide(as, space, () => ({ decision: 'reject', reason: 'Überschneidet sich mit einem Landesprogramm' }));

  const measuresAs = clients(measuresUrl);
  let running: MeasureView[] = [];
  await waitFor(async () => {
    running = (await (await measuresAs('planer'))<{ items: MeasureView[] }>('GET', `/v1/measures?status=in-progress&space=${space}`)).items;
    return running.length >= 4;
  }, 60_000, 'the approved measures in progress');
  const [reported, paused, done, stopped] = running;
  const by = (m: MeasureView) => measuresAs(m.department);
  await (await by(reported!))('POST', `/v1/measures/${reported!.id}/reports`, { text: 'Beratung läuft wöchentlich, 23 Gespräche', progress: 30, trafficLight: 'green' });
  await (await by(reported!))('POST', `/v1/measures/${reported!.id}/reports`, { text: 'Raum im Stadtteilhaus fällt im Dezember aus', progress: 45, trafficLight: 'yellow' });
  await (await by(paused!))('POST', `/v1/measures/${paused!.id}/transitions`, { to: 'paused', reason: 'Trägerwechsel', version: paused!.version });
  const finisher = await by(done!);
  await finisher('POST', `/v1/measures/${done!.id}/reports`, { text: 'Alle Termine durchgeführt', progress: 100, trafficLight: 'green' });
  const current = await finisher<MeasureView>('GET', `/v1/measures/${done!.id}`);
  await finisher('POST', `/v1/measures/${done!.id}/transitions`, { to: 'completed', version: current.version });
  await finisher('POST', `/v1/measures/${done!.id}/evaluation`, {
    outcome: 'Gut angenommen; mehr Jugendliche in Ausbildung vermittelt',
    recommendation: 'continue',
    lessons: 'Sprechzeiten am Nachmittag anbieten',
    from: '2020',
    to: '2022',
  });
  await (await by(stopped!))('POST', `/v1/measures/${stopped!.id}/transitions`, { to: 'cancelled', reason: 'Förderung entfallen', version: stopped!.version });
}

export async function loadStrategyDemo(options: StrategyDemoOptions): Promise<'loaded' | 'present'> {
  const as = clients(options.strategyUrl);
  const planner = await as('planer');
  if ((await planner<{ items: unknown[] }>('GET', '/v1/cycles?space=STGT01')).items.length > 0) return 'present';

  const start = (spaceCode: string, alertId?: number) => planner('POST', '/v1/cycles', alertId ? { spaceCode, alertId } : { spaceCode });

  // 02 Neustadt: started from its monitoring alert; the analysis waits for the planners.
  const monitoring = createServiceClient({ baseUrl: options.monitoringUrl, token: () => userToken('planer') });
  const alerts = await monitoring<{ items: Array<{ id: number }> }>('GET', '/v1/alerts?space=STGT02&status=open');
  await start('STGT02', alerts.items[0]?.id);
  await waitForTasks(as, 'planer', 'STGT02', 'review-analysis');

  // 03 Nordstadt: participation waits for the neighbourhood coordination.
  await start('STGT03');
  await complete(as, 'planer', 'STGT03', 'review-analysis', analysis('STGT03'));
  await waitForTasks(as, 'koordination', 'STGT03', 'document-participation');

  // 13 Tarup: the departments are asked for measures.
  await start('STGT13');
  await throughGoals(as, 'STGT13');
  await waitForTasks(as, 'soziales', 'STGT13', 'propose-measures');

  // 01 Altstadt: both departments proposed; the steering committee decides.
  await start('STGT01');
  await throughGoals(as, 'STGT01');
  await complete(as, 'soziales', 'STGT01', 'propose-measures', proposals('soziales', 1));
  await complete(as, 'jugend', 'STGT01', 'propose-measures', proposals('jugend', 1));
  await waitForTasks(as, 'lenkung', 'STGT01', 'decide-package');

  // 08 Sandberg: in implementation, measures in every status.
  await start('STGT08');
  await implementation(as, options.measuresUrl);
  return 'loaded';
}
