import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * A planner fills a system through the browser alone: indicators created (and corrected) in the catalogue,
 * a new level of spaces (Planungsräume in the harbour, a GeoJSON file), a statistical office's XLSX with a
 * title row and German numbers for them, a long CSV for another year, and then reads the values on the map
 * of the Planungsräume and in a profile. Everything here is its own (unique keys, a space type the demo does
 * not use), so no other spec sees a change.
 */
test.describe.configure({ mode: 'serial' });

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const EW = `e2e_fresh_ew_${run}`;
const SGB = `e2e_fresh_sgb_${run}`;
const EW_NAME = `Einwohner Planungsraum ${run}`;
const SGB_NAME = `SGB-II-Quote Planungsraum ${run}`;
const AREAS = [
  { code: 'PR-E2E-HO', name: 'Hafen-Ost', x: 9.44 },
  { code: 'PR-E2E-HW', name: 'Hafen-West', x: 9.425 },
  { code: 'PR-E2E-SP', name: 'Sporthafen', x: 9.41 },
];

async function fileIn(name: string, content: Buffer | string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'fresh-')), name);
  await writeFile(path, content);
  return path;
}

/** Three squares side by side in the harbour of Flensburg, with the properties a surveying office exports. */
const planningAreas = () =>
  fileIn(
    'Planungsraeume Hafen.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: AREAS.map((a) => ({
        type: 'Feature',
        properties: { PR_SCHL: a.code, PR_NAME: a.name, FLAECHE_HA: 12 },
        geometry: { type: 'Polygon', coordinates: [[[a.x, 54.79], [a.x + 0.01, 54.79], [a.x + 0.01, 54.8], [a.x, 54.8], [a.x, 54.79]]] },
      })),
    }),
  );

/** As the statistical office publishes it: a title row, a blank row, names instead of codes, German numbers. */
async function statisticalTable(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Planungsräume');
  sheet.addRow(['Einwohner und SGB-II-Quote in den Planungsräumen am 31.12.2024']);
  sheet.mergeCells('A1:C1');
  sheet.addRow([]);
  sheet.addRow(['Planungsraum', EW_NAME, `${SGB_NAME} (%)`]);
  sheet.addRow(['Hafen-Ost', '1 675', '12,4']);
  sheet.addRow(['Hafen – West', '2 310', '8,1']);
  sheet.addRow(['SPORTHAFEN', '  412', '.']);
  sheet.addRow(['Quelle: Statistikstelle Flensburg']);
  return fileIn('Planungsraeume 2024.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function createIndicator(page: Page, fields: { key: string; name: string; unit: string; kind: string; polarity: string }) {
  await page.getByRole('button', { name: 'Neuen Indikator anlegen' }).click();
  const form = page.getByRole('form', { name: 'Neuen Indikator anlegen' });
  await expect(form.getByRole('heading', { name: 'Neuen Indikator anlegen' })).toBeFocused();
  await form.getByLabel('Schlüssel').fill(fields.key);
  await form.getByLabel('Name').fill(fields.name);
  await form.getByLabel('Einheit').fill(fields.unit);
  await form.getByLabel('Quelle').fill('Statistikstelle Flensburg');
  await form.getByRole('group', { name: 'Art' }).getByLabel(fields.kind).check();
  await form.getByRole('group', { name: 'Richtung' }).getByLabel(fields.polarity).check();
  await form.getByRole('button', { name: 'Indikator anlegen' }).click();
  await expect(page.getByTestId('indikator-gespeichert')).toContainText(`„${fields.name}“ (${fields.key}) steht jetzt im Katalog`);
}

test('when a planner creates indicators in the catalogue, then a missing field and a taken key are refused in German, and a correction is saved', async ({ page }) => {
  await login(page, 'planer', '/daten/indikatoren');
  await expect(page.getByRole('heading', { level: 1, name: 'Indikatoren' })).toBeVisible();

  // Checked in the browser first, then by the server: a key the catalogue has is refused at the field.
  await page.getByRole('button', { name: 'Neuen Indikator anlegen' }).click();
  const form = page.getByRole('form', { name: 'Neuen Indikator anlegen' });
  await form.getByRole('button', { name: 'Indikator anlegen' }).click();
  await expect(form.getByLabel('Name')).toHaveAccessibleDescription('Bitte geben Sie einen Namen an.');
  await expect(form.getByRole('group', { name: 'Art' })).toHaveAccessibleDescription('Bitte wählen Sie die Art des Indikators.');
  await form.getByLabel('Kleinster plausibler Wert').fill('100');
  await form.getByLabel('Größter plausibler Wert').fill('0');
  await form.getByLabel('Schlüssel').fill('alq');
  await form.getByLabel('Name').fill('Noch einmal die Arbeitslosenquote');
  await form.getByRole('group', { name: 'Art' }).getByLabel('Anteil in Prozent').check();
  await form.getByRole('group', { name: 'Richtung' }).getByLabel('Höherer Wert ist ungünstiger').check();
  await form.getByRole('button', { name: 'Indikator anlegen' }).click();
  await expect(form.getByLabel('Größter plausibler Wert')).toHaveAccessibleDescription('Der größte Wert darf nicht kleiner als der kleinste sein.');
  await form.getByLabel('Kleinster plausibler Wert').fill('0');
  await form.getByLabel('Größter plausibler Wert').fill('100');
  await form.getByRole('button', { name: 'Indikator anlegen' }).click();
  await expect(form.getByLabel('Schlüssel')).toHaveAccessibleDescription(/Diesen Schlüssel gibt es schon\./);
  await expect(form.getByTestId('fehlermeldung')).toContainText('Diesen Schlüssel gibt es im Katalog schon');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Abbrechen' }).click();

  await createIndicator(page, { key: EW, name: EW_NAME, unit: 'Personen', kind: 'Anzahl', polarity: 'Neutral' });
  await createIndicator(page, { key: SGB, name: SGB_NAME, unit: 'Prozent', kind: 'Anteil in Prozent', polarity: 'Höherer Wert ist ungünstiger' });
  const row = page.getByTestId('indikator').filter({ hasText: SGB_NAME });
  await expect(row).toContainText('Statistikstelle Flensburg');

  // A correction: the unit is "%", and a share lies between 0 and 100.
  await row.getByRole('button', { name: `Ändern: ${SGB_NAME}` }).click();
  const edit = page.getByRole('form', { name: `Indikator „${SGB_NAME}“ ändern` });
  await expect(edit.getByLabel('Schlüssel')).toHaveCount(0);
  await edit.getByLabel('Einheit').fill('%');
  await edit.getByLabel('Kleinster plausibler Wert').fill('0');
  await edit.getByLabel('Größter plausibler Wert').fill('100');
  await expectAccessible(page);
  await edit.getByRole('button', { name: 'Änderung speichern' }).click();
  await expect(page.getByTestId('indikator-gespeichert')).toContainText(`„${SGB_NAME}“ ist geändert`);
  await expect(row).toContainText('Wertebereich 0 bis 100');

  const planner = await apiAs('planer');
  expect((await planner.monitoring(`/v1/indicators/${SGB}`)).body).toMatchObject({ unit: '%', kind: 'share', polarity: 'higher-is-worse', minValue: 0, maxValue: 100, source: 'Statistikstelle Flensburg' });
  expect((await planner.monitoring(`/v1/indicators/${EW}`)).body).toMatchObject({ name: EW_NAME, kind: 'count', polarity: 'neutral' });
});

test('when a planner imports Planungsräume from a GeoJSON file, then the browser shows what the file holds and the spaces exist with their boundaries', async ({ page }) => {
  await login(page, 'planer', '/daten/import-raeume');
  await expect(page.getByRole('heading', { level: 1, name: 'Räume importieren' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Räume importieren' }).click();
  await expect(page.getByLabel('Datei mit den Grenzen (GeoJSON oder Shapefile als ZIP)')).toHaveAccessibleDescription(/Wählen Sie eine GeoJSON-Datei/);

  await page.getByLabel('Datei mit den Grenzen (GeoJSON oder Shapefile als ZIP)').setInputFiles(await planningAreas());
  const preview = page.getByTestId('raeume-vorschau');
  await expect(preview).toContainText('3 Flächen (Polygon) mit den Eigenschaften PR_SCHL, PR_NAME, FLAECHE_HA');
  await expect(preview.getByRole('row', { name: /Hafen-Ost/ })).toContainText('PR-E2E-HO');
  await expect(page.getByLabel('Raumtyp')).toHaveValue('planning-area');
  await expect(page.getByLabel('Eigenschaft mit dem Schlüssel')).toHaveValue('PR_SCHL');
  await expect(page.getByLabel('Eigenschaft mit dem Namen')).toHaveValue('PR_NAME');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Räume importieren' }).click();
  await expect(page.getByTestId('raeume-ergebnis')).toHaveText(/^3 Räume vom Typ Planungsraum gespeichert/, { timeout: 30_000 });
  await expectAccessible(page);

  const planner = await apiAs('planer');
  const spaces = (await planner.monitoring('/v1/spaces?type=planning-area')).body.items as Array<{ code: string; name: string; hasGeometry: boolean }>;
  expect(spaces.filter((s) => s.code.startsWith('PR-E2E-')).map(({ code, name, hasGeometry }) => ({ code, name, hasGeometry }))).toEqual(
    expect.arrayContaining(AREAS.map((a) => ({ code: a.code, name: a.name, hasGeometry: true }))),
  );
});

test('when a planner imports the statistical office\'s XLSX for the Planungsräume and a long CSV for another year, then the map and the profile show the values', async ({ page }) => {
  await login(page, 'planer', '/daten/import');
  await page.getByLabel('Tabelle (CSV oder XLSX)').setInputFiles(await statisticalTable());
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  await expect(page.getByTestId('erkannt')).toContainText('Zeile 3');
  // Names as the office writes them; restricted to Planungsräume, so no other level's names get in the way.
  await page.getByLabel('Gebiete nur von diesem Typ zuordnen').selectOption('planning-area');
  await page.getByRole('button', { name: 'Vorschau aktualisieren' }).click();
  await expect(page.getByTestId('gebietszuordnung')).toContainText('3 Gebiete nach Namen');
  await expect(page.getByLabel('Breit: eine Spalte je Indikator')).toBeChecked();
  await expect(page.getByLabel('Jahr oder Stichtag')).toHaveValue('2024');
  await expect(page.getByLabel(`Indikator für Spalte ${EW_NAME}`)).toHaveValue(EW);
  await expect(page.getByLabel(`Indikator für Spalte ${SGB_NAME} (%)`)).toHaveValue(SGB);
  await page.getByLabel('Schlüssel des Datenstands').fill(`e2e-fresh-2024-${run}`);
  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByTestId('import-ergebnis')).toContainText('5 Werte gespeichert', { timeout: 30_000 });
  await expect(page.getByTestId('zeichen').getByRole('row', { name: /SPORTHAFEN.*Zahlenwert unbekannt oder geheim zu halten/ })).toBeVisible();

  // The year before, long: one row per space, indicator and period, the indicator by its name.
  await page.getByRole('button', { name: 'Weitere Datei importieren' }).click();
  const long = ['Gebiet;Merkmal;Jahr;Wert', `Hafen-Ost;${EW_NAME};2023;1 590`, `Hafen-West;${EW_NAME};2023;2 402`, `Hafen-Ost;${SGB};2023;13,0`].join('\r\n');
  await page.getByLabel('Tabelle (CSV oder XLSX)').setInputFiles(await fileIn('Planungsraeume lang 2023.csv', long));
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  await page.getByLabel('Gebiete nur von diesem Typ zuordnen').selectOption('planning-area');
  await page.getByRole('button', { name: 'Vorschau aktualisieren' }).click();
  await expect(page.getByLabel('Lang: eine Zeile je Gebiet, Indikator und Zeitraum')).toBeChecked();
  await expect(page.getByLabel('Spalte mit dem Indikator')).toHaveValue('Merkmal');
  await expect(page.getByLabel('Spalte mit dem Zeitraum (Jahr oder Stichtag)')).toHaveValue('Jahr');
  await expect(page.getByLabel('Spalte mit dem Wert')).toHaveValue('Wert');
  await expect(page.getByLabel(`Indikator für „${EW_NAME}“`)).toHaveValue(EW);
  await expect(page.getByLabel(`Indikator für „${SGB}“`)).toHaveValue(SGB);
  await expectAccessible(page);
  await page.getByLabel('Schlüssel des Datenstands').fill(`e2e-fresh-2023-${run}`);
  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByTestId('import-ergebnis')).toContainText('3 Werte gespeichert', { timeout: 30_000 });

  const planner = await apiAs('planer');
  const ranked = async (key: string, period: string) =>
    Object.fromEntries(((await planner.monitoring(`/v1/indicators/${key}/values?period=${period}&type=planning-area`)).body.items as Array<{ spaceCode: string; value: { value: number | null } }>).filter((i) => i.spaceCode.startsWith('PR-E2E-')).map((i) => [i.spaceCode, i.value.value]));
  expect(await ranked(EW, '2024')).toEqual({ 'PR-E2E-HO': 1675, 'PR-E2E-HW': 2310, 'PR-E2E-SP': 412 });
  expect(await ranked(EW, '2023')).toMatchObject({ 'PR-E2E-HO': 1590, 'PR-E2E-HW': 2402 });
  expect(await ranked(SGB, '2023')).toMatchObject({ 'PR-E2E-HO': 13 });

  // Where planners read them: the map of the Planungsräume and the profile of one.
  await page.goto(`/karte?typ=planning-area&ansicht=indicator&indikator=${EW}&jahr=2024`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const mapValue = (code: string) => page.getByTestId('karte-tabelle').locator(`tbody tr[data-code="${code}"]`).getByTestId('karte-wert');
  await expect(mapValue('PR-E2E-HO')).toContainText('1.675');
  await expect(mapValue('PR-E2E-HW')).toContainText('2.310');
  await expectAccessible(page);
  await page.goto('/raeume/PR-E2E-HO');
  await expect(page.getByRole('heading', { level: 1, name: /Hafen-Ost/ })).toBeVisible();
  const residents = page.getByRole('region', { name: `${EW_NAME} (Personen)` });
  await expect(residents.getByRole('row', { name: /^2024/ }).getByTestId('profil-wert')).toHaveText('1.675');
  await expect(residents.getByRole('row', { name: /^2023/ }).getByTestId('profil-wert')).toHaveText('1.590');
  await expect(page.getByRole('region', { name: `${SGB_NAME} (%)` }).getByRole('row', { name: /^2024/ }).getByTestId('profil-wert')).toHaveText('12,4');
  await expectAccessible(page);
});

test('when the office puts the indicator above and the years below it (a header of two rows), then the wizard merges them and each column keeps its year', async ({ page }) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Zeitreihe');
  sheet.addRow(['Einwohner in den Planungsräumen']);
  sheet.addRow(['Planungsraum', EW_NAME, null]);
  sheet.mergeCells('B2:C2');
  sheet.addRow([null, 2021, 2022]);
  sheet.addRow(['Hafen-Ost', '1 480', '1 512']);
  sheet.addRow(['Sporthafen', '398', '.']);
  const file = await fileIn('Zeitreihe Planungsraeume.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));

  await login(page, 'planer', '/daten/import');
  await page.getByLabel('Tabelle (CSV oder XLSX)').setInputFiles(file);
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  await expect(page.getByTestId('erkannt')).toContainText('Zeile 2 und 3 (zwei Zeilen, zusammengeführt');
  await expect(page.getByLabel(`Indikator für Spalte ${EW_NAME} 2021`)).toHaveValue(EW);
  await expect(page.getByLabel(`Indikator für Spalte ${EW_NAME} 2022`)).toHaveValue(EW);
  await expect(page.getByLabel(`Zeitraum für Spalte ${EW_NAME} 2021`)).toHaveValue('2021');
  await expect(page.getByLabel(`Zeitraum für Spalte ${EW_NAME} 2022`)).toHaveValue('2022');
  await expectAccessible(page);
  await page.getByLabel('Schlüssel des Datenstands').fill(`e2e-fresh-zeitreihe-${run}`);
  await page.getByRole('button', { name: 'Importieren' }).click();
  await expect(page.getByTestId('import-ergebnis')).toContainText('3 Werte gespeichert', { timeout: 30_000 });

  const planner = await apiAs('planer');
  const value = async (period: string, code: string) =>
    ((await planner.monitoring(`/v1/indicators/${EW}/values?period=${period}&type=planning-area`)).body.items as Array<{ spaceCode: string; value: { value: number | null } }>).find((i) => i.spaceCode === code)?.value.value;
  expect([await value('2021', 'PR-E2E-HO'), await value('2022', 'PR-E2E-HO'), await value('2021', 'PR-E2E-SP')]).toEqual([1480, 1512, 398]);
});
