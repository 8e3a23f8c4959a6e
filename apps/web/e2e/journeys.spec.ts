import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * The daily work of the issue, as the people do it in the browser, on 13 Tarup (the demo left its measure
 * proposals open for soziales and jugend): soziales proposes a measure with budget and milestone, jugend
 * proposes with a double click on "Abschließen", the steering committee approves the package, and the
 * neighbourhood coordination sees the approved measures in its overview. Each step builds on the one before.
 */
test.describe.configure({ mode: 'serial' });

const SPACE = 'STGT13';
const TITLE = 'Sprechstunde Schuldnerberatung im Stadtteilhaus Tarup';

test('when soziales fills in the measure proposal of 13 Tarup and completes it, then it leaves the inbox and the measure exists with its budget', async ({ page }) => {
  await login(page, 'soziales');
  const row = page.getByTestId('aufgabe').filter({ hasText: 'Tarup' }).filter({ hasText: 'Maßnahmen vorschlagen' });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: 'Maßnahmen vorschlagen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen vorschlagen' })).toBeVisible();
  await expect(page.getByTestId('handlungsbedarf').first()).toBeVisible();
  await expectAccessible(page);

  // Take the task, leave a note for the colleagues, and see who else could take it over.
  await page.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByTestId('bearbeiter')).toHaveText('Ihnen');
  await page.getByLabel('Neuer Kommentar').fill('Budget ist mit der Kämmerei abgestimmt.');
  await page.getByRole('button', { name: 'Kommentieren' }).click();
  await expect(page.getByRole('region', { name: 'Kommentare' })).toContainText('Budget ist mit der Kämmerei abgestimmt.');
  await expect(page.getByRole('region', { name: 'Verlauf' })).toContainText('Übernommen');
  await page.getByRole('button', { name: 'Weitergeben …' }).click();
  // Viktor Vertretung has never signed in: the list comes from Keycloak, not from who was seen before.
  await expect(page.getByLabel('Weitergeben an').locator('option', { hasText: 'Viktor Vertretung' })).toHaveCount(1);
  await expectAccessible(page);

  await page.getByLabel('Titel').fill(TITLE);
  await page.getByLabel('Beschreibung').fill('Wöchentliche Sprechstunde mit dem Träger der Schuldnerberatung, ohne Termin.');
  await page.getByLabel('Handlungsbedarf').selectOption({ index: 1 });
  await page.getByLabel('Geplantes Budget in Euro').fill('25.000');
  await page.getByLabel('Beginn').fill('2027-02-01');
  await page.getByLabel('Ende').fill('2027-12-31');
  await page.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
  await page.getByLabel('Meilenstein 1', { exact: true }).fill('Räume im Stadtteilhaus vereinbart');
  await page.getByLabel('Termin').fill('2027-03-15');
  await expect(page.getByText('Geplantes Budget insgesamt:')).toContainText('25.000 €');
  await page.getByRole('button', { name: 'Abschließen' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '„Maßnahmen vorschlagen“ ist abgeschlossen' })).toBeVisible();
  await expect(row).toHaveCount(0);

  const planner = await apiAs('planer');
  const measures = (await planner.measures(`/v1/measures?space=${SPACE}&department=soziales`)).body.items as Array<{ id: string; title: string; budget: { planned: number } }>;
  const proposed = measures.find((m) => m.title === TITLE);
  expect(proposed?.budget.planned).toBe(25_000);
  const detail = (await planner.measures(`/v1/measures/${proposed!.id}`)).body;
  expect(detail.milestones).toEqual([expect.objectContaining({ title: 'Räume im Stadtteilhaus vereinbart', dueOn: '2027-03-15' })]);
});

test('when jugend double-clicks "Abschließen", then the proposal is completed once', async ({ page }) => {
  await login(page, 'jugend');
  await page.getByTestId('aufgabe').filter({ hasText: 'Tarup' }).getByRole('link', { name: 'Maßnahmen vorschlagen' }).click();
  await page.getByLabel('Titel').fill('Ausbildungslotsen an der Gemeinschaftsschule Tarup');
  await page.getByLabel('Beschreibung').fill('Lotsen begleiten Jugendliche vom Praktikum bis in die Ausbildung.');
  await page.getByLabel('Handlungsbedarf').selectOption({ index: 1 });
  await page.getByLabel('Geplantes Budget in Euro').fill('18000');
  await page.getByRole('button', { name: 'Abschließen' }).dblclick();
  await expect(page.getByRole('status').filter({ hasText: 'ist abgeschlossen' })).toBeVisible();
  await expect(page.getByTestId('fehlermeldung')).toHaveCount(0);

  const planner = await apiAs('planer');
  const measures = (await planner.measures(`/v1/measures?space=${SPACE}&department=jugend`)).body.items as Array<{ title: string }>;
  expect(measures.filter((m) => m.title === 'Ausbildungslotsen an der Gemeinschaftsschule Tarup')).toHaveLength(1);
  // Both departments answered: the package went to the steering committee once.
  await expect.poll(async () => (await (await apiAs('lenkung')).strategy(`/v1/tasks?scope=groups&space=${SPACE}&type=decide-package`)).body.total).toBe(1);
});

test('when jugend opens a task or a measure of soziales by its address, then the app says it does not exist', async ({ page }) => {
  const soziales = await apiAs('soziales');
  const measure = (await soziales.measures(`/v1/measures?space=${SPACE}&department=soziales`)).body.items[0] as { id: string };
  const task = (await soziales.strategy(`/v1/tasks?scope=groups&space=${SPACE}&type=propose-measures&status=completed`)).body.items[0] as { id: string };
  expect(measure && task).toBeTruthy();

  await login(page, 'jugend');
  await expect(page.getByTestId('aufgabe').filter({ hasText: 'Fachbereich Soziales' })).toHaveCount(0);
  await page.goto(`/aufgaben/${encodeURIComponent(task.id)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
  await page.goto(`/massnahmen/${measure.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
  await expectAccessible(page);
});

test('when lenkung follows the bell to the decision on 13 Tarup and approves the package, then both measures are approved', async ({ page }) => {
  await login(page, 'lenkung');
  // The workflow told the steering committee about the new decision: the bell leads straight to the task.
  await expect(page.getByTestId('ungelesen')).not.toHaveText('0');
  await page.getByRole('button', { name: /Benachrichtigungen/ }).click();
  await page.getByRole('link', { name: /Über das Maßnahmenpaket entscheiden/ }).filter({ hasText: /Tarup|STGT13/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Über das Maßnahmenpaket entscheiden' })).toBeVisible();
  await expect(page.getByText('13 Tarup').first()).toBeVisible();
  await expect(page.getByText(TITLE).first()).toBeVisible();
  await expect(page.getByText('Ausbildungslotsen an der Gemeinschaftsschule Tarup').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Alle genehmigen' }).click();
  await page.getByRole('button', { name: 'Abschließen' }).click();
  await expect(page.getByRole('status').filter({ hasText: '„Über das Maßnahmenpaket entscheiden“ ist abgeschlossen' })).toBeVisible();

  // Approved measures start at once: the measures service has them in progress.
  const planner = await apiAs('planer');
  await expect
    .poll(async () => ((await planner.measures(`/v1/measures?space=${SPACE}`)).body.items as Array<{ status: string }>).map((m) => m.status).sort())
    .toEqual(['in-progress', 'in-progress']);
});

test('when the neighbourhood coordination opens Maßnahmen for 13 Tarup, then it sees the approved measures with their budgets and may file nothing', async ({ page }) => {
  await login(page, 'koordination', `/massnahmen?space=${SPACE}`);
  const rows = page.getByTestId('massnahme');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: TITLE })).toContainText('25.000');
  await expect(rows.filter({ hasText: 'Ausbildungslotsen' })).toContainText('18.000');
  await expect(page.getByTestId('summenzeile')).toContainText('43.000');
  await expectAccessible(page);

  await rows.filter({ hasText: TITLE }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByText('Räume im Stadtteilhaus vereinbart')).toBeVisible();
  await expect(page.getByRole('button', { name: /Statusbericht/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Statusbericht erstatten/ })).toHaveCount(0);
  await expectAccessible(page);
});
