import type { Locator, Page } from '@playwright/test';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/*
 * The task forms in the browser against the real platform. Spaces of this file: 02 Neustadt (planer,
 * analysis), 03 Nordstadt (koordination, participation), 01 Altstadt (lenkung, decision).
 */

/** Presses Tab until the target has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, most = 150): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Keycloak's login page, typed: the cursor starts in the user name field. */
async function loginByKeyboard(page: Page, username: string): Promise<void> {
  await page.goto('/aufgaben');
  await expect(page.locator('#username')).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('angemeldet-als')).not.toBeEmpty();
}

const taskLink = (page: Page, space: string, label: string) => page.getByTestId('aufgabe').filter({ hasText: space }).getByRole('link', { name: label });
/** The inbox's confirmation after a completion (a status message, announced without moving the focus). */
const confirmation = (page: Page) => page.getByRole('status').filter({ hasText: 'Erledigt' });
const taskIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.replace(/^\/aufgaben\//, ''));

test.describe('task forms', () => {
  test('when planer works the analysis of 02 Neustadt with the keyboard only, then it is completed and the inbox confirms it', async ({ page }) => {
    await loginByKeyboard(page, 'planer');
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
    await tabTo(page, taskLink(page, 'Neustadt', 'Analyse prüfen und abschließen'));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Analyse prüfen und abschließen' })).toBeVisible();
    const taskId = taskIdOf(page);
    await expect(page.getByText('Datengrundlage aus dem Monitoring')).toBeVisible();
    await expectAccessible(page);

    await tabTo(page, page.getByLabel('Zusammenfassung der Analyse'));
    await page.keyboard.type('Statusindex sehr niedrig, Dynamik negativ: Schwerpunkte Arbeit und Kinderarmut.');
    await tabTo(page, page.getByRole('button', { name: 'Abschließen' }));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
    await expect(confirmation(page)).toContainText('„Analyse prüfen und abschließen“ ist abgeschlossen.');
    const task = await (await apiAs('planer')).strategy(`/v1/tasks/${encodeURIComponent(taskId)}`);
    expect(task.body).toMatchObject({ status: 'completed', result: { summary: 'Statusindex sehr niedrig, Dynamik negativ: Schwerpunkte Arbeit und Kinderarmut.' } });
  });

  test('when koordination closes the participation of 03 Nordstadt without a record, then the German refusal keeps the form; with a record it is completed', async ({ page }) => {
    await login(page, 'koordination');
    await taskLink(page, 'Nordstadt', 'Beteiligung dokumentieren').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Beteiligung dokumentieren' })).toBeVisible();
    const taskId = taskIdOf(page);
    await expect(page.getByText('In diesem Zyklus ist noch kein Beteiligungsformat dokumentiert.')).toBeVisible();

    await page.getByRole('button', { name: 'Beteiligungsformat 1 entfernen' }).click();
    const close = page.getByRole('checkbox', { name: 'Die Beteiligung ist abgeschlossen' });
    await close.check();
    await page.getByRole('button', { name: 'Abschließen' }).click();

    // The workflow's phase rule refuses it (422): said in German, at the form and at the box.
    const refusal = page.getByRole('alert').filter({ hasText: 'Die Aufgabe wurde nicht abgeschlossen' });
    await expect(refusal.getByTestId('fehlermeldung')).toHaveText(/nicht angenommen|nicht möglich|Regeln dieser Phase/);
    await expect(close).toHaveAccessibleDescription(/Die Beteiligung kann erst abgeschlossen werden, wenn in diesem Zyklus mindestens ein Beteiligungsformat dokumentiert ist\./);
    await expect(close).toBeChecked();
    await expect(page.getByRole('heading', { level: 1, name: 'Beteiligung dokumentieren' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Weiteres Beteiligungsformat' }).click();
    const record = page.getByRole('group', { name: 'Beteiligungsformat 1' });
    await record.getByLabel('Format').selectOption({ label: 'Workshop' });
    await record.getByLabel('Datum').fill('2026-11-12');
    await record.getByLabel('Zahl der Teilnehmenden').fill('27');
    await record.getByLabel('Beteiligte Akteure').fill('Stadtteilverein Nordstadt\nFamilienzentrum\nJobcenter Flensburg');
    await record.getByRole('checkbox', { name: 'Familien' }).check();
    await record.getByRole('checkbox', { name: 'Alleinerziehende' }).check();
    await record.getByLabel('Ergebnisse').fill('Wunsch nach Kinderbetreuung bei Terminen und einer Anlaufstelle im Quartier.');
    await expect(close).toBeChecked();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Abschließen' }).click();

    await expect(confirmation(page)).toContainText('„Beteiligung dokumentieren“ ist abgeschlossen.');
    const koordination = await apiAs('koordination');
    const task = await koordination.strategy(`/v1/tasks/${encodeURIComponent(taskId)}`);
    expect(task.body.status).toBe('completed');
    const cycle = await koordination.strategy(`/v1/cycles/${encodeURIComponent(task.body.cycleId)}`);
    expect(cycle.body.participation).toEqual([
      expect.objectContaining({
        format: 'workshop',
        date: '2026-11-12',
        actors: ['Stadtteilverein Nordstadt', 'Familienzentrum', 'Jobcenter Flensburg'],
        targetGroups: ['families', 'single-parents'],
        participants: 27,
      }),
    ]);
  });

  test('when lenkung decides the package of 01 Altstadt, then one measure is approved and the other returned with its reason', async ({ page }) => {
    await login(page, 'lenkung');
    await taskLink(page, 'Altstadt', 'Über das Maßnahmenpaket entscheiden').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Über das Maßnahmenpaket entscheiden' })).toBeVisible();

    await expect(page.getByTestId('massnahme')).toHaveCount(2);
    const approved = page.getByRole('group', { name: 'Quartiersbezogene Beschäftigungsberatung', exact: true });
    const returned = page.getByRole('group', { name: 'Jugendberufsagentur-Sprechstunde im Stadtteil', exact: true });
    await expect(approved).toContainText('Übergang Schule–Beruf stärken');
    await expect(approved).toContainText('Soziales');
    await expect(approved).toContainText('20.000 €');
    const sums = page.getByRole('table', { name: 'Geplantes Budget des Pakets nach Fachbereich' });
    await expect(sums.getByRole('row', { name: /^Insgesamt/ })).toContainText('40.000 €');
    await expectAccessible(page);

    await approved.getByRole('radio', { name: 'Genehmigen' }).check();
    await returned.getByRole('radio', { name: 'Zur Überarbeitung zurückgeben' }).check();
    await page.getByRole('button', { name: 'Abschließen' }).click();
    // Checked in the browser before anything is sent: a return needs its reason.
    const reason = returned.getByLabel('Begründung');
    await expect(reason).toHaveAccessibleDescription(/Bitte begründen Sie die Ablehnung oder Rückgabe\./);
    await expect(page.getByRole('alert').filter({ hasText: 'Bitte prüfen Sie Ihre Eingaben' })).toBeVisible();
    await expect(approved.getByRole('radio', { name: 'Genehmigen' })).toBeChecked();

    await reason.fill('Bitte mit dem Jobcenter abstimmen und die Sprechzeiten nennen.');
    await page.getByRole('button', { name: 'Abschließen' }).click();
    await expect(confirmation(page)).toContainText('„Über das Maßnahmenpaket entscheiden“ ist abgeschlossen.');

    // The cycle starts an approved measure at once (approved → in progress); the returned one waits for its department.
    const statuses = async (user: string) => {
      const list = await (await apiAs(user)).measures('/v1/measures?space=STGT01');
      return Object.fromEntries((list.body.items as Array<{ id: string; department: string; status: string }>).map((m) => [m.department, m]));
    };
    for (const user of ['lenkung', 'planer']) {
      await expect
        .poll(async () => Object.fromEntries(Object.entries(await statuses(user)).map(([department, m]) => [department, m.status])), { message: `measures of 01 Altstadt as ${user}` })
        .toEqual({ soziales: 'in-progress', jugend: 'returned' });
    }
    const planer = await apiAs('planer');
    const audit = await planer.measures(`/v1/measures/${(await statuses('planer')).soziales!.id}/audit`);
    const changes = (audit.body.items as Array<{ action: string; after: { status?: string } | null }>).filter((e) => e.action === 'status-changed').map((e) => e.after?.status);
    expect(changes).toEqual(['approved', 'in-progress']);
  });
});
