import { createServiceClient, type ServiceClient } from '@sozialraum/kit';
import { userToken, waitFor } from '@sozialraum/kit/testing';

/**
 * Flensburg strategy cycles in several phases, driven through the strategy API by the demo users, so every
 * inbox has something waiting: planer (analysis of 02 Neustadt, started from its alert), koordination
 * (participation in 03 Nordstadt), soziales and jugend (measure proposals for 01 Altstadt), lenkung (the
 * decision on 08 Sandberg's measure package).
 */
export interface StrategyDemoOptions {
  strategyUrl: string;
  monitoringUrl: string;
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
const proposal = (department: string) => ({
  decision: 'propose',
  measures: [{
    title: department === 'jugend' ? 'Jugendberufsagentur-Sprechstunde im Stadtteil' : 'Quartiersbezogene Beschäftigungsberatung',
    description: 'Wöchentliche Beratung vor Ort, gemeinsam mit Trägern der Jugendhilfe und dem Jobcenter.',
    needKey: 'uebergang-beruf',
    budgetPlanned: department === 'jugend' ? 38_000 : 52_000,
    start: '2027-01-01',
    end: '2027-12-31',
  }],
});

async function throughGoals(as: As, space: string): Promise<void> {
  await complete(as, 'planer', space, 'review-analysis', analysis(space));
  await complete(as, 'koordination', space, 'document-participation', participation);
  await complete(as, 'planer', space, 'set-goals', goals);
  await complete(as, 'planer', space, 'review-goals', { decision: 'approve' });
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

  // 01 Altstadt: the departments are asked for measures.
  await start('STGT01');
  await throughGoals(as, 'STGT01');
  await waitForTasks(as, 'soziales', 'STGT01', 'propose-measures');

  // 08 Sandberg: both departments proposed; the steering committee decides.
  await start('STGT08');
  await throughGoals(as, 'STGT08');
  await complete(as, 'soziales', 'STGT08', 'propose-measures', proposal('soziales'));
  await complete(as, 'jugend', 'STGT08', 'propose-measures', proposal('jugend'));
  await waitForTasks(as, 'lenkung', 'STGT08', 'decide-package');
  return 'loaded';
}
