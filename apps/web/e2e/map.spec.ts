import type { Page } from '@playwright/test';
import { pdfText } from '@sozialraum/reports/testing';
import { readFile } from 'node:fs/promises';
import { apiAs, expect, expectAccessible, login, test } from './support/test';

/**
 * The map and the space profile, read as the viewer gast. Read-only on the demo: the one thing written is an
 * indicator of this spec's own (unique key) with values for the 13 Stadtteile, where STGT05 has 2 cases — a
 * count below 3, which every caller without raw-data sees only as withheld.
 */
const KEY = `e2e_karte_${Date.now().toString(36)}`;
const PERIOD = '2024';
const HIDDEN_SPACE = 'STGT05';
const CODES = Array.from({ length: 13 }, (_, i) => `STGT${String(i + 1).padStart(2, '0')}`);
const valueOf = (code: string) => (code === HIDDEN_SPACE ? 2 : 10 * (CODES.indexOf(code) + 1));
const MAP_PATH = `/karte?typ=social-space&ansicht=indicator&indikator=${KEY}&jahr=${PERIOD}`;

// MapLibre draws with WebGL: in a headless Chromium without a GPU that is SwiftShader, which has to be allowed.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--lang=de-DE', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});

test.beforeAll(async () => {
  const planer = await apiAs('planer');
  const created = await planer.monitoring('/v1/indicators', { method: 'POST', body: { key: KEY, name: `Kartentest ${KEY}`, unit: 'Fälle', polarity: 'higher-is-worse', kind: 'count' } });
  expect(created.status).toBe(201);
  const csv = ['space,year,indicator,value', ...CODES.map((code) => `${code},${PERIOD},${KEY},${valueOf(code)}`)].join('\n');
  const started = await planer.monitoring('/v1/imports/values', {
    method: 'POST',
    body: {
      fileName: `${KEY}.csv`,
      content: Buffer.from(csv).toString('base64'),
      format: 'csv',
      release: { key: KEY, title: 'Kartentest' },
      mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'year', indicatorColumn: 'indicator', valueColumn: 'value' },
    },
  });
  expect(started.status).toBe(202);
  await expect.poll(async () => (await planer.monitoring(`/v1/imports/${started.body.id}`)).body.status, { timeout: 60_000 }).toBe('succeeded');
});

/** How many different colours the map's canvas shows (a blank or failed map has one). */
async function canvasColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="karte"] canvas') as HTMLCanvasElement | null;
    if (!canvas) return 0;
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4 * 97) colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
    return colours.size;
  });
}

test.describe('map and space profile', () => {
  test('when the viewer opens the map of an indicator, then the canvas shows the spaces, the table holds what the API answers (a withheld value as "geheim") and the page is accessible', async ({ page }) => {
    const outlineRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/map/outlines') outlineRequests.push(request.url());
    });
    await login(page, 'gast', MAP_PATH);
    await expect(page.getByRole('heading', { level: 1, name: 'Karte' })).toBeVisible();
    const table = page.getByTestId('karte-tabelle');
    await expect(table.locator('tbody tr')).toHaveCount(13);
    await expect.poll(() => canvasColours(page), { timeout: 20_000 }).toBeGreaterThan(3);

    const gast = await apiAs('gast');
    const classes = await gast.monitoring(`/v1/map/classes?type=social-space&indicators=${KEY}&period=${PERIOD}`);
    expect(classes.status).toBe(200);
    const expected = Object.entries(classes.body.spaces as Record<string, { values: Record<string, { value: number | null; suppressed: boolean }> }>)
      .map(([code, space]) => [code, space.values[KEY]!.suppressed ? 'geheim' : new Intl.NumberFormat('de-DE').format(space.values[KEY]!.value as number)]);
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-code'), r.querySelector('[data-testid="karte-wert"]')!.firstChild!.textContent]));
    expect(shown.sort()).toEqual(expected.sort());
    expect(shown.find(([code]) => code === HIDDEN_SPACE)?.[1]).toBe('geheim');
    await expect(page.getByRole('list', { name: 'Legende' }).getByRole('listitem').filter({ hasText: 'geheim (Geheimhaltung)' })).toBeVisible();
    await expectAccessible(page);

    // Another view fetches only the classes: the outlines loaded once stay, coloured anew, with the classes' legend.
    expect(outlineRequests).toHaveLength(1);
    await page.getByLabel('Darstellung').selectOption('Statusklasse');
    await expect(page.getByRole('heading', { level: 2, name: /^Sozialräume: Statusklasse/ })).toBeVisible();
    const legend = page.getByRole('list', { name: 'Legende' });
    await expect(legend.getByRole('listitem')).toHaveText(['1 – hoch', '2 – mittel', '3 – niedrig', '4 – sehr niedrig', 'ohne Klasse (nicht bewertet)']);
    await expect(table.locator('tbody tr[data-code="STGT02"] [data-testid="karte-wert"]')).toHaveText('4 – sehr niedrig');
    await expect.poll(() => canvasColours(page), { timeout: 20_000 }).toBeGreaterThan(3);
    expect(outlineRequests).toHaveLength(1);
    await page.getByLabel('Darstellung').selectOption('Ein Indikator');

    // Sorting by value puts the largest first when descending, and the withheld one last.
    await page.getByRole('button', { name: /^Wert/ }).click();
    await page.getByRole('button', { name: /^Wert/ }).click();
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-code', 'STGT13');
    await expect(table.locator('tbody tr').last()).toHaveAttribute('data-code', HIDDEN_SPACE);
  });

  test('when the viewer points at a space on the map and clicks it, then its profile opens', async ({ page }) => {
    await login(page, 'gast', '/karte?typ=social-space&ansicht=status');
    await expect(page.getByTestId('karte-tabelle').locator('tbody tr')).toHaveCount(13);
    await expect.poll(() => canvasColours(page), { timeout: 20_000 }).toBeGreaterThan(3);
    const box = (await page.getByTestId('karte').locator('canvas').boundingBox())!;
    const hover = page.getByTestId('karte-hover');
    let found: { x: number; y: number } | undefined;
    for (let step = 1; step < 10 && !found; step++) {
      for (let column = 1; column < 10 && !found; column++) {
        const point = { x: box.x + (box.width * column) / 10, y: box.y + (box.height * step) / 10 };
        await page.mouse.move(point.x, point.y);
        if (/\(STGT\d\d\)/.test((await hover.textContent()) ?? '')) found = point;
      }
    }
    expect(found, 'a point of the map over a space').toBeDefined();
    const name = /^(.*) \((STGT\d\d)\)/.exec((await hover.textContent()) ?? '')!;
    await page.mouse.click(found!.x, found!.y);
    await expect(page).toHaveURL(new RegExp(`/raeume/${name[2]}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name[2]!);
  });

  test('when the viewer opens the profile of a space with a withheld value, then profile and PDF say "geheim", charts and the city value are there, and the page is accessible', async ({ page }) => {
    await login(page, 'gast', `/raeume/${HIDDEN_SPACE}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(HIDDEN_SPACE);
    const section = page.getByRole('region', { name: `Kartentest ${KEY} (Fälle)` });
    await expect(section.getByRole('row', { name: new RegExp(`^${PERIOD}`) }).getByTestId('profil-wert')).toHaveText('geheim (zu wenige Fälle)');
    // A demo share has a chart and the city's weighted value beside the space's own.
    const share = page.getByRole('region', { name: 'Arbeitslosenanteil (%)' });
    await expect(share.getByRole('img', { name: /Verlauf: Arbeitslosenanteil/ })).toBeVisible();
    await expect(share.locator('canvas')).toHaveCount(1);
    await expect(share.getByRole('columnheader', { name: 'Stadt (gewichtet)' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Strategiezyklen' })).toBeVisible();
    await expectAccessible(page);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Als PDF herunterladen' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`Sozialraumprofil_${HIDDEN_SPACE}.pdf`);
    const { text } = await pdfText(await readFile((await file.path())!));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(`Sozialraumprofil ${HIDDEN_SPACE}`);
    expect(flat).toContain(`Kartentest ${KEY}`);
    expect(flat).toContain(`${PERIOD}geheim (zu wenige Fälle)`);
  });
});
