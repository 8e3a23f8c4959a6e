import { ensureAlerts } from './support/alerts';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * Daten for planners: the indicator catalogue, the demo's index method (a version that exists is refused,
 * a new one is created with the same definition, a recomputation shows its progress) and one alert acknowledged and handed over. Nothing here changes what
 * other specs read: the recomputation gives the same classes from the same values, and the alert is 10
 * Fruerlund's, made for the browser tests by ensureAlerts.
 */
test.describe.configure({ mode: 'serial' });

test('when a planner opens Daten, then the indicator catalogue lists what the API lists, with definitions and sources, and filters by target group', async ({ page }) => {
  const planner = await apiAs('planer');
  const all = (await planner.monitoring('/v1/indicators')).body.items as Array<{ key: string; name: string }>;
  const old = (await planner.monitoring('/v1/indicators?targetGroup=old')).body.items as Array<{ key: string; name: string }>;
  expect(old.length).toBeGreaterThan(0);
  expect(old.length).toBeLessThan(all.length);

  await login(page, 'planer', '/daten');
  await expect(page).toHaveURL(/\/daten\/indikatoren$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Indikatoren' })).toBeVisible();
  const rows = page.getByTestId('indikator');
  await expect(rows).toHaveCount(all.length);
  await expect(rows.filter({ hasText: 'Einwohner ab 65 Jahre' })).toContainText('Einwohner im Alter von 65 Jahren und älter');
  await expect(page.getByTestId('indikatoren')).toContainText('Sozialatlas');
  await expectAccessible(page);

  await page.getByRole('form', { name: 'Indikatoren filtern' }).getByLabel('Zielgruppe').selectOption('old');
  await expect(rows).toHaveCount(old.length);
  await expect(rows.filter({ hasText: 'Einwohner ab 65 Jahre' })).toHaveCount(1);
});

test('when a planner names a version that exists, then it is refused in German; a recomputation of the demo method shows its progress to the end and the results per space', async ({ page }) => {
  await login(page, 'planer', '/daten/methoden');
  await expect(page.getByRole('heading', { level: 1, name: 'Indexmethoden' })).toBeVisible();
  const method = page.getByTestId('methode').filter({ hasText: 'flensburg-sozialindex' });
  await expect(method).toContainText('2022.1');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Version anlegen' }).click();
  await expect(page.getByText('Bitte geben Sie eine Version an', { exact: false })).toBeVisible();
  await page.getByLabel('Version', { exact: true }).fill('2022.1');
  await page.getByRole('button', { name: 'Version anlegen' }).click();
  await expect(page.getByText('Diese Version gibt es schon.', { exact: false })).toBeVisible();

  await method.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /flensburg-sozialindex/ })).toBeVisible();
  const results = page.getByTestId('ergebnis');
  await expect(results).toHaveCount(13);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Neu berechnen' }).click();
  await expect(page.getByTestId('fortschritt')).toBeVisible();
  await expect(page.getByTestId('fortschritt-text')).toHaveText('Schritt 3 von 3: Die Neuberechnung ist abgeschlossen.', { timeout: 60_000 });
  await expect(page.getByTestId('neuberechnung-ergebnis')).toContainText('13 Räume bewertet');
  await expect(results).toHaveCount(13);
  await expectAccessible(page);
});

test('when a planner creates a new version of the demo method in the browser, then it exists with the same indicators, and its recomputation shows its progress and classes every space', async ({ page }) => {
  // The same definition as 2022.1 under a new version: the newest active version gives the same classes, so
  // the map and the profiles other specs read stay as they were.
  const version = `2022.e2e${Date.now().toString(36)}`;
  await login(page, 'planer', '/daten/methoden');
  await page.getByLabel('Version', { exact: true }).fill(version);
  await page.getByLabel('Beschreibung').fill('Gleiche Indikatoren, neu angelegt im Browsertest');
  await page.getByRole('button', { name: 'Version anlegen' }).click();

  await expect(page).toHaveURL(new RegExp(`/daten/methoden/flensburg-sozialindex/${version.replace(/\./g, '\\.')}`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(version.replace(/\./g, '\\.')) })).toBeVisible();
  await expect(page.getByText('Die Version ist angelegt.', { exact: false })).toBeVisible();
  await expectAccessible(page);
  const planner = await apiAs('planer');
  const [created, template] = await Promise.all([`flensburg-sozialindex/${version}`, 'flensburg-sozialindex/2022.1'].map(async (ref) => (await planner.monitoring(`/v1/methods/${ref}`)).body));
  expect(created.createdBy).toBeTruthy();
  expect(created.definition).toEqual({ ...template.definition, version, description: 'Gleiche Indikatoren, neu angelegt im Browsertest' });

  await page.getByRole('button', { name: 'Neu berechnen' }).click();
  await expect(page.getByTestId('fortschritt')).toBeVisible();
  await expect(page.getByTestId('fortschritt-text')).toHaveText('Schritt 3 von 3: Die Neuberechnung ist abgeschlossen.', { timeout: 60_000 });
  await expect(page.getByTestId('neuberechnung-ergebnis')).toContainText('13 Räume bewertet');
  await expect(page.getByTestId('ergebnis')).toHaveCount(13);
  await expectAccessible(page);
  const results = async (ref: string) => ((await planner.monitoring(`/v1/methods/${ref}/results`)).body.items as Array<{ spaceCode: string; statusClass: string }>).map((r) => [r.spaceCode, r.statusClass]).sort();
  expect(await results(`flensburg-sozialindex/${version}`)).toEqual(await results('flensburg-sozialindex/2022.1'));
});

test('when a planner acknowledges an alert and then hands it over with a reason, then the API keeps both steps and their texts', async ({ page }) => {
  const planner = await apiAs('planer');
  const alert = { id: (await ensureAlerts()).STGT10! };
  expect(alert.id, 'the open alert of 10 Fruerlund').toBeGreaterThan(0);
  const read = async () => (await planner.monitoring(`/v1/alerts/${alert.id}`)).body as { status: string; statusComment: string | null };

  await login(page, 'planer', '/daten/warnungen');
  const row = page.getByTestId('warnung').filter({ has: page.getByText(`Nr. ${alert.id}`, { exact: true }) });
  await row.getByRole('button', { name: /Zur Kenntnis nehmen/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Warnung zur Kenntnis nehmen/ })).toBeFocused();
  await page.getByLabel('Kommentar').fill('Im Arbeitskreis am Donnerstag besprechen');
  await page.getByRole('button', { name: 'Zur Kenntnis nehmen', exact: true }).click();
  await expect(page.getByText(`Die Warnung Nr. ${alert.id}`, { exact: false })).toContainText('zur Kenntnis genommen');
  await expect.poll(async () => (await read()).status).toBe('acknowledged');

  await page.getByLabel('Status').selectOption('acknowledged');
  await row.getByRole('button', { name: /Übergeben/ }).click();
  await page.getByRole('button', { name: 'Übergeben', exact: true }).click();
  await expect(page.getByText('Bitte geben Sie einen Grund an.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Grund der Übergabe').fill('An die Quartierskoordination zur Klärung vor Ort');
  await page.getByRole('button', { name: 'Übergeben', exact: true }).click();
  await expect(page.getByText(`Die Warnung Nr. ${alert.id}`, { exact: false })).toContainText('übergeben');
  await expect.poll(read).toMatchObject({ status: 'handed-over', statusComment: 'An die Quartierskoordination zur Klärung vor Ort' });
});
