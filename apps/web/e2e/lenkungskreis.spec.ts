import { waitFor } from '@sozialraum/kit/testing';
import { ensureCoordinator } from './support/people';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * From an alert to the committee's decision, on a cycle of its own in 09 (no other spec uses it): the
 * monitoring raises an alert, a planner starts the cycle from it in the browser, the phases up to the
 * proposals are worked through the APIs (as the task forms are tested elsewhere), and the steering committee
 * decides the package from the Lenkungskreis page: one measure approved, one rejected, one returned, each
 * with its reason. The coordinator of 09 is a test user of its own (see support/people.ts).
 */
test.describe.configure({ mode: 'serial' });

const SPACE = 'STGT09';
const INDICATOR = 'e2e-lenkung-signal';
const RULE = 'e2e-lenkung-signal-ueber-mittel';
const MEASURES = {
  approve: 'Stadtteilmütter für Familien in 09',
  reject: 'Neues Beratungsbüro in 09',
  return: 'Ferienprogramm Ausbildung in 09',
};

type Api = Awaited<ReturnType<typeof apiAs>>;
interface Task { id: string; type: string }

/** An open alert of 09 from a rule and indicator of this spec's own (idempotent). */
async function alertOf09(planner: Api): Promise<number> {
  const rules = (await planner.monitoring('/v1/alert-rules')).body.items as Array<{ key: string }>;
  if (!rules.some((r) => r.key === RULE)) {
    await planner.monitoring('/v1/indicators', { method: 'POST', body: { key: INDICATOR, name: 'Signal der Lenkungskreis-Tests', unit: 'Punkte', polarity: 'higher-is-worse', kind: 'mean' } });
    const rows = [`${SPACE},2022,${INDICATOR},95`, `STGT04,2022,${INDICATOR},10`, `STGT11,2022,${INDICATOR},12`];
    const started = await planner.monitoring('/v1/imports/values', {
      method: 'POST',
      body: {
        fileName: 'signal.csv', content: Buffer.from(['space,year,indicator,value', ...rows].join('\n')).toString('base64'), format: 'csv',
        release: { key: 'e2e-lenkung-signal-2022', title: 'Signal der Lenkungskreis-Tests' },
        mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'year', indicatorColumn: 'indicator', valueColumn: 'value' },
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await waitFor(async () => (await planner.monitoring(`/v1/imports/${started.body.id}`)).body.status === 'succeeded', 60_000, 'the signal imported');
    const replaced = await planner.monitoring('/v1/alert-rules', { method: 'PUT', body: { items: [...rules, { key: RULE, label: 'Signal über dem Mittel', type: 'above-mean', indicatorKey: INDICATOR, k: 0.5 }] } });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
  }
  let id: number | undefined;
  await waitFor(async () => {
    const alerts = (await planner.monitoring(`/v1/alerts?space=${SPACE}`)).body.items as Array<{ id: number; ruleKey: string; status: string }>;
    id = alerts.find((a) => a.ruleKey === RULE && a.status === 'open')?.id;
    return id !== undefined;
  }, 60_000, 'the open alert of 09');
  return id!;
}

/** Waits for the task in the user's inbox and completes it with the form's result, as the demo does. */
async function complete(user: string, type: string, result: unknown): Promise<void> {
  const api = await apiAs(user);
  let task: Task | undefined;
  await waitFor(async () => {
    task = ((await api.strategy(`/v1/tasks?scope=groups&space=${SPACE}&type=${type}&status=open`)).body.items as Task[])[0];
    return task !== undefined;
  }, 60_000, `${type} of ${SPACE} for ${user}`);
  const done = await api.strategy(`/v1/tasks/${encodeURIComponent(task!.id)}/complete`, { method: 'POST', body: { result } });
  expect(done.status, `${type}: ${JSON.stringify(done.body)}`).toBeLessThan(300);
}

const proposal = (titles: string[]) => ({
  decision: 'propose',
  measures: titles.map((title, i) => ({ title, description: 'Im Stadtteil, gemeinsam mit den Trägern.', needKey: 'familien-staerken', budgetPlanned: 10_000 * (i + 1), start: '2027-01-01', end: '2027-12-31' })),
});

let cycleId = '';

test('when a planner starts a cycle from the alert of 09 and its phases are worked up to the proposals, then the package waits for the committee', async ({ page }) => {
  const planner = await apiAs('planer');
  const alertId = await alertOf09(planner);
  const coordinator = await ensureCoordinator(SPACE);

  await login(page, 'planer', '/daten/warnungen');
  const row = page.getByTestId('warnung').filter({ has: page.getByText(`Nr. ${alertId}`, { exact: true }) });
  await row.getByRole('button', { name: /Strategiezyklus starten/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /, Zyklus \d+$/ })).toBeVisible();
  await expect(page.getByText(`aus der Warnung Nr. ${alertId} des Monitorings`).first()).toBeVisible();
  const cycles = (await planner.strategy(`/v1/cycles?space=${SPACE}`)).body.items as Array<{ id: string; alertId: number | null; status: string }>;
  cycleId = cycles.find((c) => c.alertId === alertId && c.status === 'running')!.id;
  expect((await planner.monitoring(`/v1/alerts/${alertId}`)).body.status).toBe('handed-over');

  await complete('planer', 'review-analysis', { summary: 'Signal deutlich über dem Mittel; Familien mit kleinen Kindern im Blick.' });
  await complete(coordinator, 'document-participation', {
    records: [{ format: 'workshop', date: '2026-11-12', actors: ['Familienzentrum', 'Kita am Park'], targetGroups: ['families'], participants: 21, results: 'Beratung im Stadtteil gewünscht.' }],
    close: true,
  });
  await complete('planer', 'set-goals', {
    goals: [{ title: 'Familien früh erreichen', description: 'Mehr Familien nutzen Beratung', indicatorKey: 'alq', targetValue: 8, targetYear: 2028 }],
    needs: [{ key: 'familien-staerken', title: 'Familien im Stadtteil stärken', description: 'Beratung und Begleitung vor Ort', targetGroups: ['families'], departments: ['soziales', 'jugend'] }],
  });
  await complete('planer', 'review-goals', { decision: 'approve' });
  await complete('soziales', 'propose-measures', proposal([MEASURES.approve, MEASURES.reject]));
  await complete('jugend', 'propose-measures', proposal([MEASURES.return]));
  const lenkung = await apiAs('lenkung');
  await expect.poll(async () => (await lenkung.strategy(`/v1/tasks?scope=groups&space=${SPACE}&type=decide-package&status=open`)).body.total, { timeout: 60_000 }).toBe(1);
});

test('when the steering committee decides the package of 09 from Lenkungskreis, then the measures are approved, rejected and returned with their reasons', async ({ page }) => {
  expect(cycleId, 'the cycle of the test before').not.toBe('');
  const space = (await (await apiAs('lenkung')).monitoring(`/v1/spaces/${SPACE}`)).body as { name: string };

  await login(page, 'lenkung', '/lenkungskreis');
  const pkg = page.getByTestId('paket').filter({ hasText: space.name });
  await expect(pkg).toHaveCount(1);
  await expect(pkg.getByTestId('paket-massnahmen').getByRole('row')).toHaveCount(4);
  await expect(pkg.getByTestId('paket-massnahmen').getByRole('row').filter({ hasText: MEASURES.approve })).toContainText('Familien im Stadtteil stärken');
  await expect(pkg.getByTestId('budget-summen').getByRole('row', { name: /^Insgesamt/ })).toContainText('40.000 €');
  await expectAccessible(page);

  await pkg.getByRole('link', { name: /Über das Paket .* entscheiden/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Über das Maßnahmenpaket entscheiden' })).toBeVisible();
  await expect(page.getByTestId('massnahme')).toHaveCount(3);
  const group = (title: string) => page.getByRole('group', { name: title, exact: true });
  await group(MEASURES.approve).getByRole('radio', { name: 'Genehmigen' }).check();
  await group(MEASURES.reject).getByRole('radio', { name: 'Ablehnen' }).check();
  await group(MEASURES.reject).getByLabel('Begründung').fill('Ein solches Büro plant der Landkreis bereits.');
  await group(MEASURES.return).getByRole('radio', { name: 'Zur Überarbeitung zurückgeben' }).check();
  await group(MEASURES.return).getByLabel('Begründung').fill('Bitte mit den Schulen die Termine abstimmen.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Abschließen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '„Über das Maßnahmenpaket entscheiden“ ist abgeschlossen' })).toBeVisible();

  // Back on Lenkungskreis: nothing of 09 left to decide, and the decisions stand with their reasons.
  await page.goto('/lenkungskreis');
  await expect(page.getByTestId('paket').filter({ hasText: space.name })).toHaveCount(0);
  const decided = page.getByTestId('entscheidungen');
  await expect(decided.getByRole('row').filter({ hasText: MEASURES.reject })).toContainText('Ein solches Büro plant der Landkreis bereits.');
  await expect(decided.getByRole('row').filter({ hasText: MEASURES.return })).toContainText('Bitte mit den Schulen die Termine abstimmen.');
  await expectAccessible(page);

  const planner = await apiAs('planer');
  await expect
    .poll(async () => Object.fromEntries(((await planner.measures(`/v1/measures?space=${SPACE}`)).body.items as Array<{ title: string; status: string }>).map((m) => [m.title, m.status])), { timeout: 60_000 })
    .toEqual({ [MEASURES.approve]: 'in-progress', [MEASURES.reject]: 'rejected', [MEASURES.return]: 'returned' });
  // The returned measure goes back to its department.
  const jugend = await apiAs('jugend');
  await expect.poll(async () => (await jugend.strategy(`/v1/tasks?scope=groups&space=${SPACE}&type=propose-measures&status=open`)).body.total, { timeout: 60_000 }).toBe(1);
});
