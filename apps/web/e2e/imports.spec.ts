import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * Daten → Import: the planner loads a table as a statistical office publishes it (XLSX, a merged title row
 * above the header, German numbers, symbols, Stadtteil names instead of codes) through the wizard. It uses
 * indicators of its own (unique keys), so the demo's indicators, methods and cycles stay as they are.
 */
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const EW = `e2e_import_ew_${run}`;
const ALQ = `e2e_import_alq_${run}`;

async function statisticalTable(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Stadtteile');
  sheet.addRow(['Bevölkerung und Arbeitslosigkeit in den Stadtteilen am 31.12.2024']);
  sheet.mergeCells('A1:C1');
  sheet.addRow([]);
  sheet.addRow(['Stadtteil', `Einwohner Importtest ${run}`, `Arbeitslosenquote Importtest ${run} (%)`]);
  sheet.addRow(['05 FRIESISCHER BERG', '1 675', '12,4']);
  sheet.addRow(['06  Weiche', '2 310', '.']);
  sheet.addRow(['10 Fruerlund', '10 245', '(7,9)']);
  sheet.addRow(['12 Engelsby', '-', 'x']);
  sheet.addRow(['Quelle: Statistikstelle, eigene Berechnungen']);
  const dir = await mkdtemp(join(tmpdir(), 'import-'));
  const path = join(dir, 'Stadtteile 2024.xlsx');
  await writeFile(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

type Ranked = { body: { items: Array<{ spaceCode: string; value: { value: number | null } }> } };
/** The spaces that have a value, with it (the ranking lists every social space). */
const valuesOf = ({ body }: Ranked) => Object.fromEntries(body.items.filter((i) => i.value.value !== null).map((i) => [i.spaceCode, i.value.value]));

test.describe('Datenimport', () => {
  test('when a planner uploads a statistical-office XLSX with a title row and German numbers, confirms the mapping, then the values are imported, the report names every symbol, and map and profile show them', async ({ page }) => {
    const planner = await apiAs('planer');
    for (const [key, name, kind] of [[EW, `Einwohner Importtest ${run}`, 'count'], [ALQ, `Arbeitslosenquote Importtest ${run}`, 'share']]) {
      const created = await planner.monitoring('/v1/indicators', { method: 'POST', body: { key, name, kind, polarity: kind === 'share' ? 'higher-is-worse' : 'neutral', unit: kind === 'share' ? '%' : 'Personen' } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const file = await statisticalTable();

    await login(page, 'planer', '/daten/import');
    await expect(page.getByRole('heading', { level: 1, name: 'Indikatorwerte importieren' })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Tabelle (CSV oder XLSX)').setInputFiles(file);
    await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();

    const found = page.getByTestId('erkannt');
    await expect(found).toContainText('Stadtteile 2024.xlsx (XLSX)');
    await expect(found).toContainText('Zeile 3');
    await expect(page.getByRole('row', { name: /^3 Kopfzeile/ })).toBeVisible();
    await expect(page.getByTestId('gebietszuordnung')).toContainText('4 Gebiete nach Namen');
    await expect(page.getByLabel('Spalte mit dem Gebiet (Schlüssel oder Name)')).toHaveValue('Stadtteil');
    await expect(page.getByLabel('Jahr oder Stichtag')).toHaveValue('2024');
    await expect(page.getByLabel(`Indikator für Spalte Einwohner Importtest ${run}`)).toHaveValue(EW);
    await expect(page.getByLabel(`Indikator für Spalte Arbeitslosenquote Importtest ${run} (%)`)).toHaveValue(ALQ);
    await expectAccessible(page);

    await page.getByLabel('Schlüssel des Datenstands').fill(`e2e-import-${run}`);
    await page.getByRole('button', { name: 'Importieren' }).click();

    await expect(page.getByText('Import abgeschlossen')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('import-ergebnis')).toContainText('6 Werte gespeichert');
    const symbols = page.getByTestId('zeichen');
    await expect(symbols.getByRole('row', { name: /06 Weiche.*Zahlenwert unbekannt oder geheim zu halten.*kein Wert/ })).toBeVisible();
    await expect(symbols.getByRole('row', { name: /12 Engelsby.*nichts vorhanden.*0$/ })).toBeVisible();
    await expect(symbols.getByRole('row', { name: /12 Engelsby.*Tabellenfach gesperrt/ })).toBeVisible();
    await expect(symbols.getByRole('row', { name: /10 Fruerlund.*Aussagewert eingeschränkt.*7,9/ })).toBeVisible();
    await expectAccessible(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Bericht als CSV herunterladen' }).click();
    expect((await download).suggestedFilename()).toBe('Importbericht_Stadtteile 2024.csv');

    const residents = await planner.monitoring(`/v1/indicators/${EW}/values?period=2024&type=social-space`);
    expect(valuesOf(residents)).toEqual({ STGT05: 1675, STGT06: 2310, STGT10: 10245, STGT12: 0 });
    const rate = await planner.monitoring(`/v1/indicators/${ALQ}/values?period=2024&type=social-space`);
    expect(valuesOf(rate)).toEqual({ STGT05: 12.4, STGT10: 7.9 });

    // And where planners read them: on the map of the indicator and in the space's profile.
    await page.goto(`/karte?typ=social-space&ansicht=indicator&indikator=${EW}&jahr=2024`);
    const mapRow = (code: string) => page.getByTestId('karte-tabelle').locator(`tbody tr[data-code="${code}"]`).getByTestId('karte-wert');
    await expect(mapRow('STGT05')).toContainText('1.675');
    await expect(mapRow('STGT10')).toContainText('10.245');
    await page.goto('/raeume/STGT05');
    const imported = page.getByRole('region', { name: `Einwohner Importtest ${run} (Personen)` });
    await expect(imported.getByRole('row', { name: /^2024/ }).getByTestId('profil-wert')).toHaveText('1.675');
  });
});
