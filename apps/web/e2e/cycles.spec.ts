import { readFile } from 'node:fs/promises';
import { pdfText } from '@sozialraum/reports/testing';
import { ensureAlerts } from './support/alerts';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * Strategiezyklen, the cycle page, the Lenkungskreis and starting a cycle from an alert, in the browser. The
 * demo's cycles (01, 02, 03, 08, 13) are only read here; what is changed lives in spaces of its own:
 * 06 Weiche (suspended, resumed, cancelled) and 07 Südstadt, whose alert (made by ensureAlerts) starts a
 * cycle. The committee's decisions in the browser are in task-forms.spec.ts (01) and journeys.spec.ts (13).
 */
test.describe.configure({ mode: 'serial' });

const CONTROL_SPACE = 'STGT06';

interface CycleView {
  id: string;
  spaceCode: string;
  status: string;
  phase: string;
  alertId: number | null;
  taskCounts: { open: number; overdue: number };
}

test('when a planner opens Strategiezyklen, then the demo cycles stand in their phases with their open tasks, and the filters narrow them', async ({ page }) => {
  await login(page, 'planer', '/zyklen');
  await expect(page.getByRole('heading', { level: 1, name: 'Strategiezyklen' })).toBeVisible();
  const altstadt = page.getByTestId('spalte-decision').getByTestId('zyklus').filter({ hasText: '01 Altstadt' });
  await expect(altstadt).toHaveCount(1);
  await expect(page.getByTestId('spalte-analysis').getByTestId('zyklus').filter({ hasText: '02 Neustadt' })).toHaveCount(1);
  await expect(page.getByTestId('spalte-implementation').getByTestId('zyklus').filter({ hasText: '08 Sandberg' })).toHaveCount(1);
  // The card counts what the API counts for the planner.
  const planner = await apiAs('planer');
  const listed = (await planner.strategy('/v1/cycles?space=STGT01')).body.items as CycleView[];
  const open = listed.find((c) => c.status === 'running')!.taskCounts.open;
  expect(open).toBeGreaterThan(0);
  await expect(altstadt.getByTestId('offene-aufgaben')).toHaveText(open === 1 ? '1 offene Aufgabe' : `${open} offene Aufgaben`);
  await expectAccessible(page);

  const filters = page.getByRole('form', { name: 'Strategiezyklen filtern' });
  await filters.getByLabel('Sozialraum').selectOption({ label: '08 Sandberg' });
  await expect(page).toHaveURL(/space=STGT08/);
  await expect(page.getByTestId('zyklus')).toHaveCount(1);
  await expect(page.getByTestId('zyklus')).toContainText('08 Sandberg');

  await filters.getByLabel('Sozialraum').selectOption({ label: 'Alle Sozialräume' });
  await filters.getByLabel('Fachbereich').selectOption({ label: 'Jugend' });
  await expect(page).toHaveURL(/department=jugend/);
  // Only cycles with needs for jugend: those past goal-setting, never 02 Neustadt in its analysis.
  await expect(page.getByTestId('zyklus').filter({ hasText: '08 Sandberg' })).toHaveCount(1);
  await expect(page.getByTestId('zyklus').filter({ hasText: '02 Neustadt' })).toHaveCount(0);

  await filters.getByLabel('Fachbereich').selectOption({ label: 'Alle Fachbereiche' });
  await filters.getByLabel('Bezirk').selectOption({ index: 1 });
  await expect(page).toHaveURL(/district=/);
  await expect(page.getByTestId('zyklus').filter({ hasText: '01 Altstadt' })).toHaveCount(1);
  await expectAccessible(page);
});

test('when a department opens a cycle card, then the cycle page shows its timeline, evidence, participation, goals, decisions and measures, and its report downloads as PDF', async ({ page }) => {
  await login(page, 'soziales', '/zyklen?space=STGT08');
  await page.getByTestId('zyklus').getByRole('link', { name: /08 Sandberg/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /08 Sandberg, Zyklus/ })).toBeVisible();
  await expect(page.getByTestId('zyklus-stand')).toContainText('Umsetzung');
  for (const section of ['Zeitstrahl', 'Datengrundlage', 'Beteiligung', 'Ziele und Handlungsbedarfe', 'Vorschläge und Entscheidungen', 'Maßnahmen', 'Reflexion']) {
    await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Beteiligung' })).toContainText('Wunsch nach Betreuungsangeboten');
  await expect(page.getByRole('region', { name: 'Ziele und Handlungsbedarfe' })).toContainText('Übergang Schule–Beruf stärken');
  await expect(page.getByRole('region', { name: 'Vorschläge und Entscheidungen' })).toContainText('Genehmigt');
  await expect(page.getByRole('region', { name: 'Zeitstrahl' })).toContainText('Analyse');
  // soziales may not steer a cycle.
  await expect(page.getByRole('button', { name: /Zyklus aussetzen/ })).toHaveCount(0);
  await expectAccessible(page);

  // The report for the committee, as the server renders it for soziales.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Als PDF herunterladen' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Zyklusbericht_cycle-STGT08-\d+\.pdf$/);
  const { text } = await pdfText(await readFile((await file.path())!));
  expect(text.replace(/\s+/g, ' ')).toContain('Übergang Schule–Beruf stärken');
});

test('when a planner suspends a cycle with a reason, resumes it and cancels it, then the page and the API follow each step', async ({ page }) => {
  const planner = await apiAs('planer');
  const started = await planner.strategy('/v1/cycles', { method: 'POST', body: { spaceCode: CONTROL_SPACE } });
  expect(started.status).toBe(201);
  const id = (started.body as CycleView).id;
  const status = async () => ((await planner.strategy(`/v1/cycles/${encodeURIComponent(id)}`)).body as CycleView).status;

  await login(page, 'planer', `/zyklen/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('zyklus-stand')).toContainText('Läuft');
  await page.getByRole('button', { name: 'Zyklus aussetzen …' }).click();
  await page.getByRole('button', { name: 'Aussetzen', exact: true }).click();
  await expect(page.getByText('Bitte geben Sie einen Grund an.')).toBeVisible();
  await page.getByLabel('Grund für das Aussetzen').fill('Haushaltssperre bis Februar');
  await page.getByRole('button', { name: 'Aussetzen', exact: true }).click();
  await expect(page.getByText(/Der Zyklus ist ausgesetzt/)).toBeVisible();
  await expect(page.getByTestId('zyklus-stand')).toContainText('Pausiert');
  await expect(page.getByText('Grund: Haushaltssperre bis Februar')).toBeVisible();
  await expect.poll(status).toBe('suspended');
  await expectAccessible(page);

  await page.goto('/zyklen');
  const card = page.getByTestId('zyklus').filter({ hasText: '06 Weiche' });
  await expect(card).toContainText('Pausiert');
  await card.getByRole('link').click();

  await page.getByRole('button', { name: 'Zyklus fortsetzen' }).click();
  await expect(page.getByText('Der Zyklus läuft weiter.')).toBeVisible();
  await expect.poll(status).toBe('running');

  await page.getByRole('button', { name: 'Zyklus abbrechen …' }).click();
  await page.getByLabel('Grund für den Abbruch').fill('Sozialraum wird mit dem Nachbarraum zusammengelegt');
  await page.getByRole('button', { name: 'Endgültig abbrechen' }).click();
  await expect(page.getByText('Dieser Zyklus wurde abgebrochen')).toBeVisible();
  await expect(page.getByText(/Grund: Sozialraum wird mit dem Nachbarraum zusammengelegt\./)).toBeVisible();
  await expect.poll(status).toBe('cancelled');
  await expect(page.getByRole('button', { name: /Zyklus (aussetzen|fortsetzen|abbrechen)/ })).toHaveCount(0);
});

test('when a planner starts a strategy cycle from an open alert under Daten, then the cycle page names the alert and the alert leads to the cycle', async ({ page }) => {
  const planner = await apiAs('planer');
  const alert = { id: (await ensureAlerts()).STGT07!, spaceCode: 'STGT07' };
  expect(alert.id, 'the open alert of 07').toBeGreaterThan(0);

  await login(page, 'planer', '/daten/warnungen');
  await expect(page.getByRole('heading', { level: 1, name: 'Warnungen' })).toBeVisible();
  await expectAccessible(page);
  const row = page.getByTestId('warnung').filter({ has: page.getByText(`Nr. ${alert.id}`, { exact: true }) });
  await row.getByRole('button', { name: /Strategiezyklus starten/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: /, Zyklus \d+$/ })).toBeVisible();
  await expect(page.getByText(`aus der Warnung Nr. ${alert.id} des Monitorings`).first()).toBeVisible();
  const cycle = ((await planner.strategy(`/v1/cycles?space=${alert.spaceCode}`)).body.items as CycleView[])[0]!;
  expect(cycle).toMatchObject({ status: 'running', alertId: alert.id });
  await expect(page).toHaveURL(new RegExp(`/zyklen/${encodeURIComponent(cycle.id)}$`));
  await expectAccessible(page);

  // The analysis is the planners' first task of the cycle.
  // The workflow opens it a moment after the start; the page shows it once loaded again.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('offene-aufgaben-liste')).toContainText('Analyse', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});

test('when the steering committee opens Lenkungskreis, then the package of 01 Altstadt shows each measure with its need, department and budget, the sums per department, and leads to its decision; the decisions taken on 08 Sandberg stand below with their reasons', async ({ page }) => {
  // 01 Altstadt's package is decided in task-forms.spec.ts (and 13 Tarup's in journeys.spec.ts): here it is only read.
  await login(page, 'lenkung', '/lenkungskreis');
  await expect(page.getByRole('heading', { level: 1, name: 'Lenkungskreis' })).toBeVisible();
  const pkg = page.getByTestId('paket').filter({ hasText: '01 Altstadt' });
  await expect(pkg).toHaveCount(1);
  const measures = pkg.getByTestId('paket-massnahmen');
  await expect(measures.getByRole('row')).toHaveCount(3);
  const social = measures.getByRole('row').filter({ hasText: 'Quartiersbezogene Beschäftigungsberatung' });
  await expect(social).toContainText('Übergang Schule–Beruf stärken');
  await expect(social).toContainText('Soziales');
  await expect(social).toContainText('20.000 €');
  await expect(measures.getByRole('row').filter({ hasText: 'Jugendberufsagentur-Sprechstunde im Stadtteil' })).toContainText('Jugend');
  const sums = pkg.getByTestId('budget-summen');
  await expect(sums.getByRole('row').filter({ hasText: 'Soziales' })).toContainText('20.000 €');
  await expect(sums.getByRole('row', { name: /^Insgesamt/ })).toContainText('40.000 €');
  await pkg.getByText('Ziele, Handlungsbedarfe und Datengrundlage des Zyklus').click();
  await expect(pkg).toContainText('Arbeitslosenanteil senken');

  // Decided earlier (the demo): 08 Sandberg's measures, one returned and its rework rejected, each with the reason.
  const decided = page.getByTestId('entscheidungen');
  await expect(decided).toContainText('Zur Überarbeitung zurückgegeben');
  await expect(decided).toContainText('Bitte mit dem Jobcenter abstimmen');
  await expect(decided).toContainText('Abgelehnt');
  await expect(decided).toContainText('Überschneidet sich mit einem Landesprogramm');
  await expectAccessible(page);

  // The decision is the package's task: approve, reject, return with reason.
  await pkg.getByRole('link', { name: /Über das Paket 01 Altstadt.* entscheiden/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Über das Maßnahmenpaket entscheiden' })).toBeVisible();
  await expect(page.getByTestId('massnahme')).toHaveCount(2);
  await expect(page.getByRole('radio', { name: 'Zur Überarbeitung zurückgeben' })).toHaveCount(2);
});
