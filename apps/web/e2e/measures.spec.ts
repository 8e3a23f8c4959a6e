import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * The Maßnahmen pages against the demo's 08 Sandberg, whose measures are in every status. Only 08 is changed
 * here (a status report, a spent budget); the other demo spaces belong to other specs.
 */
interface Summary {
  id: string;
  title: string;
  department: string;
  status: string;
  trafficLight: string | null;
  version: number;
  spaces: string[];
}

const euro = (value: number) => new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
const LIGHTS: Record<string, string> = { green: 'Im Plan (grün)', yellow: 'Gefährdet (gelb)', red: 'Kritisch (rot)' };
const KOORDINATION_SPACES = /01 Altstadt|03 Nordstadt|08 Sandberg|13 Tarup/;

async function measuresOf08(query = ''): Promise<Summary[]> {
  const planner = await apiAs('planer');
  const { body } = await planner.measures(`/v1/measures?space=STGT08&limit=100${query}`);
  return body.items as Summary[];
}

/** The table's rows once the overview has loaded. */
async function rows(page: Page) {
  await expect(page.getByTestId('massnahmen').or(page.getByText('Keine Maßnahmen für diese Filter.'))).toBeVisible();
  return page.getByTestId('massnahme');
}

test.describe('Maßnahmen', () => {
  test('when koordination opens the overview of their spaces, then it shows their measures with budgets and sums, filters by status in the address, and a measure page without report form or status buttons', async ({ page }) => {
    await login(page, 'koordination', '/massnahmen');
    await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
    await page.getByLabel(/Nur meine Sozialräume/).check();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page).toHaveURL(/mySpaces=true/);

    const koordination = await apiAs('koordination');
    const all = (await koordination.measures('/v1/overview?mySpaces=true&limit=500')).body;
    expect(all.total).toBeGreaterThan(0);
    const summen = page.getByTestId('summen');
    await expect(summen.getByText('Maßnahmen', { exact: true }).locator('xpath=following-sibling::dd[1]')).toHaveText(String(all.totals.count));
    await expect(summen).toContainText(euro(all.totals.budgetPlanned));
    await expect(summen).toContainText(euro(all.totals.budgetApproved));
    await expect(page.getByTestId('summenzeile')).toContainText(`Summe aller ${all.totals.count}`);
    await expect(page.getByTestId('summenzeile')).toContainText(euro(all.totals.budgetPlanned));
    await expect(page.getByTestId('nach-status')).toContainText('In Umsetzung');
    for (const group of all.groups.trafficLight as Array<{ key: string | null; count: number }>) {
      const label = group.key ? LIGHTS[group.key]! : 'Noch kein Statusbericht';
      await expect(page.getByTestId('nach-ampel').getByRole('row', { name: label }).getByRole('cell').first()).toHaveText(String(group.count));
    }
    const list = await rows(page);
    await expect(list).toHaveCount(Math.min(all.total, 25));
    for (const text of await list.allInnerTexts()) expect(text).toMatch(KOORDINATION_SPACES);
    await expectAccessible(page);

    // Sorting by a column: the largest planned budget first.
    await page.getByRole('button', { name: /Budget geplant/ }).click();
    await expect(page.getByRole('columnheader', { name: /Budget geplant/ })).toHaveAttribute('aria-sort', 'descending');
    const largest = Math.max(...all.items.map((m: Summary & { budget: { planned: number | null } }) => m.budget.planned ?? 0));
    await expect(list.first()).toContainText(euro(largest));

    // Filter by status: the choice goes into the address and survives a reload.
    await page.locator('summary.filter-group__summary', { hasText: 'Status' }).click();
    await page.getByRole('group', { name: 'Status', exact: true }).getByLabel('In Umsetzung').check();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page).toHaveURL(/status=in-progress/);
    const inProgress = (await koordination.measures('/v1/overview?mySpaces=true&status=in-progress')).body;
    expect(inProgress.total).toBeGreaterThan(0);
    await expect(list).toHaveCount(inProgress.total);
    for (const text of await list.allInnerTexts()) expect(text).toContain('In Umsetzung');
    await page.reload();
    await expect(page.getByRole('group', { name: 'Status', exact: true }).getByLabel('In Umsetzung')).toBeChecked();
    await expect(await rows(page)).toHaveCount(inProgress.total);

    // A measure page: coordinators read, but neither report nor change the status.
    const first = list.first().getByRole('link');
    const title = (await first.innerText()).trim();
    await first.click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId('eckdaten')).toContainText('Übergang Schule–Beruf stärken');
    await expect(page.getByRole('heading', { name: 'Statusberichte' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Statusbericht erstatten' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Statusbericht erstatten' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Status ändern' })).toHaveCount(0);
    for (const action of ['Abschließen', 'Pausieren', 'Maßnahme abbrechen']) await expect(page.getByRole('button', { name: action })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('when the department of the measure in progress in 08 Sandberg files a status report, then it leads the list, the traffic light changes, and a stale status change is refused in German', async ({ page }) => {
    const [measure] = await measuresOf08('&status=in-progress');
    expect(measure, 'the demo has a measure in progress in 08 Sandberg').toBeDefined();
    const { id, department } = measure!;
    const key = measure!.trafficLight === 'red' ? 'yellow' : 'red';
    const light = { key, label: LIGHTS[key]! };

    await login(page, department, `/massnahmen/${id}`);
    await expect(page.getByRole('heading', { level: 1, name: measure!.title })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pausieren' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Statusbericht erstatten' });

    // Checked in the browser first, in German.
    await form.getByLabel('Fortschritt in Prozent').fill('120');
    await form.getByRole('button', { name: 'Statusbericht erstatten' }).click();
    await expect(form).toContainText('Der Fortschritt liegt zwischen 0 und 100 %.');
    await expect(form).toContainText('Bitte wählen Sie eine Ampel.');
    await expect(form).toContainText('Bitte beschreiben Sie den Stand der Maßnahme.');
    await expectAccessible(page);

    const text = `Träger meldet Personalausfall (Browsertest ${Date.now()})`;
    await form.getByLabel('Fortschritt in Prozent').fill('55');
    await form.getByLabel(light.label).check();
    await form.getByLabel('Bericht', { exact: true }).fill(text);
    await form.getByRole('button', { name: 'Statusbericht erstatten' }).click();
    await expect(page.getByTestId('bericht-erstattet')).toContainText('Der Statusbericht ist erstattet');
    const newest = page.getByTestId('statusbericht').first();
    await expect(newest).toContainText(text);
    await expect(newest).toContainText(light.label);
    await expect(newest).toContainText('55 %');
    await expect(page.locator('header').getByTestId('ampel')).toHaveText(light.label);
    await expect(page.getByTestId('aenderungsverlauf')).toContainText(`Fortschritt 55 %, Ampel ${light.label}`);
    const api = await apiAs(department);
    const after = (await api.measures(`/v1/measures/${id}`)).body;
    expect(after.trafficLight).toBe(light.key);
    expect((await api.measures(`/v1/measures/${id}/reports`)).body.items[0]).toMatchObject({ text, progress: 55, trafficLight: light.key });

    // Someone changes the measure meanwhile: the page's version is stale, and the service's 409 is said in German.
    const planner = await apiAs('planer');
    const changed = await planner.measures(`/v1/measures/${id}`, { method: 'PATCH', body: { version: after.version, budget: { spent: 1500 } } });
    expect(changed.status).toBe(200);
    await page.getByRole('button', { name: 'Pausieren' }).click();
    const transition = page.getByRole('form', { name: 'Status ändern: Pausieren' });
    await transition.getByRole('button', { name: 'Pausieren bestätigen' }).click();
    await expect(transition).toContainText('Bitte begründen Sie die Änderung.');
    await transition.getByLabel('Begründung').fill('Personalausfall beim Träger');
    await transition.getByRole('button', { name: 'Pausieren bestätigen' }).click();
    await expect(transition.getByTestId('fehlermeldung')).toContainText('Jemand hat diese Maßnahme inzwischen geändert');
    expect((await planner.measures(`/v1/measures/${id}`)).body.status).toBe('in-progress');
    await transition.getByRole('button', { name: 'Nicht ändern' }).click();

    // Milestones: two added, one marked done, so progress comes from them (1 of 2).
    const milestone = page.getByRole('form', { name: 'Meilenstein hinzufügen' });
    await milestone.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
    await expect(milestone).toContainText('Bitte benennen Sie den Meilenstein.');
    await expect(milestone).toContainText('Bitte einen Termin angeben.');
    const first = `Ersatzraum gefunden ${Date.now().toString(36)}`;
    for (const [title, dueOn] of [[first, '2027-01-15'], ['Beratung wieder wöchentlich', '2027-03-31']]) {
      await milestone.getByLabel('Neuer Meilenstein').fill(title!);
      await milestone.getByLabel('Termin').fill(dueOn!);
      await milestone.getByRole('button', { name: 'Meilenstein hinzufügen' }).click();
      await expect(page.getByTestId('meilensteine').getByRole('row', { name: title }).first()).toContainText('Offen');
      await expect(milestone.getByLabel('Neuer Meilenstein')).toHaveValue(''); // the form starts afresh
    }
    await page.getByTestId('meilensteine').getByRole('row', { name: first }).getByRole('button', { name: /Als erledigt markieren/ }).click();
    await expect(page.getByTestId('meilensteine').getByRole('row', { name: first })).toContainText('Erledigt am');
    const { milestones } = (await api.measures(`/v1/measures/${id}`)).body as { milestones: Array<{ doneOn: string | null }> };
    const percent = Math.round((100 * milestones.filter((m) => m.doneOn).length) / milestones.length);
    await expect(page.getByTestId('eckdaten')).toContainText(`${percent} % (aus den erledigten Meilensteinen)`);
    await expect(page.getByTestId('aenderungsverlauf')).toContainText(`hat den Meilenstein „${first}“ als erledigt markiert`);
  });

  test('when the department of the cancelled measure in 08 Sandberg evaluates it, then the form checks in German and the evaluation is shown', async ({ page }) => {
    const [measure] = await measuresOf08('&status=cancelled');
    expect(measure, 'the demo has a cancelled measure in 08 Sandberg').toBeDefined();
    await login(page, measure!.department, `/massnahmen/${measure!.id}`);
    await expect(page.getByRole('heading', { level: 1, name: measure!.title })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Status ändern' })).toHaveCount(0); // cancelled is final
    await expect(page.getByRole('heading', { name: 'Statusbericht erstatten' })).toHaveCount(0); // and takes no reports

    const form = page.getByRole('form', { name: 'Maßnahme bewerten' });
    await form.getByRole('button', { name: 'Bewertung speichern' }).click();
    await expect(form).toContainText('Bitte beschreiben Sie, was die Maßnahme erreicht hat.');
    await expect(form).toContainText('Bitte wählen Sie eine Empfehlung.');
    await expect(form).toContainText('Bitte den Zeitraum vor der Maßnahme angeben.');
    await form.getByLabel('Ergebnis').fill('Bis zum Abbruch 12 Patenschaften vermittelt');
    await form.getByLabel('Anpassen').check();
    await form.getByLabel(/Erkenntnisse/).fill('Förderung vorab für die ganze Laufzeit sichern');
    await form.getByLabel('Zeitraum vor der Maßnahme').fill('2022');
    await form.getByLabel('Zeitraum nach der Maßnahme').fill('2020');
    await form.getByRole('button', { name: 'Bewertung speichern' }).click();
    await expect(form).toContainText('Der Zeitraum danach muss nach dem Zeitraum davor liegen.');
    await form.getByLabel('Zeitraum vor der Maßnahme').fill('2020');
    await form.getByLabel('Zeitraum nach der Maßnahme').fill('2022');
    await form.getByRole('button', { name: 'Bewertung speichern' }).click();

    const shown = page.getByTestId('bewertung');
    await expect(shown).toContainText('Anpassen');
    await expect(shown).toContainText('Bis zum Abbruch 12 Patenschaften vermittelt');
    await expect(shown).toContainText('2020 bis 2022');
    await expect(page.getByRole('form', { name: 'Maßnahme bewerten' })).toHaveCount(0); // one evaluation per measure
    const stored = (await (await apiAs('planer')).measures(`/v1/measures/${measure!.id}`)).body;
    expect(stored.evaluation).toMatchObject({ recommendation: 'adapt', from: '2020', to: '2022' });
    await expectAccessible(page);
  });

  test('when jugend opens a measure of soziales by its address, then the page is not found, and their overview lists none of soziales’ measures', async ({ page }) => {
    const soziales = await measuresOf08('&department=soziales');
    expect(soziales.length).toBeGreaterThan(0);
    await login(page, 'jugend', `/massnahmen/${soziales[0]!.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
    await expect(page).toHaveTitle('Nicht gefunden – Sozialraum');
    await expect(page.getByText(soziales[0]!.title)).toHaveCount(0);

    await page.getByRole('link', { name: 'Maßnahmen', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
    const list = await rows(page);
    await expect(list.first()).toBeVisible();
    const links = await list.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    for (const m of soziales) expect(links.some((href) => href.endsWith(m.id))).toBe(false);
    expect(new Set(await list.locator('td:nth-of-type(2)').allInnerTexts())).toEqual(new Set(['Jugend'])); // the department column
    await expect(page.locator('summary.filter-group__summary', { hasText: 'Fachbereich' })).toHaveCount(0);
    await expect(page.getByLabel(/Nur meine Sozialräume/)).toHaveCount(0);
  });

  test('when koordination exports the overview, then the browser saves an XLSX workbook and a CSV for German Excel under German names', async ({ page }) => {
    await login(page, 'koordination', '/massnahmen?mySpaces=true');
    await expect(await rows(page)).not.toHaveCount(0);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als Excel-Datei (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^Maßnahmen_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readFile((await xlsx.path())!);
    expect(workbook.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004'); // a ZIP, as every XLSX is
    expect(workbook.includes(Buffer.from('xl/workbook.xml'))).toBe(true);
    await expect(page.getByText(`Die Datei „${xlsx.suggestedFilename()}“ wurde heruntergeladen.`)).toBeVisible();

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als CSV (Excel)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^Maßnahmen_\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFMaßnahme;')).toBe(true); // BOM and semicolons: German Excel opens it right
    const { total } = (await (await apiAs('koordination')).measures('/v1/overview?mySpaces=true&limit=1')).body;
    expect(text.trim().split(/\r?\n/)).toHaveLength(total + 1);
  });
});
