import { join } from 'node:path';
import { expect, login, openTaskOf, test } from '../e2e/support/test';

const out = (name: string) => join(__dirname, '..', '..', '..', 'docs', 'screenshots', `${name}.png`);

test.use({ viewport: { width: 1360, height: 900 } });

test('the main pages, as the demo users see them', async ({ page }) => {
  await login(page, 'soziales');
  await expect(page.getByTestId('aufgabe').first()).toBeVisible();
  await page.screenshot({ path: out('meine-aufgaben') });

  const task = await openTaskOf('soziales', 'STGT13', 'propose-measures');
  await page.goto(`/aufgaben/${encodeURIComponent(task.id)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: out('aufgabe-massnahmen-vorschlagen'), fullPage: true });

  await page.goto('/massnahmen');
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('massnahmen'), fullPage: true });
});
