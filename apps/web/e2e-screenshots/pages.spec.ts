import { join } from 'node:path';
import { expect, login, test } from '../e2e/support/test';

const out = (name: string) => join(__dirname, '..', '..', '..', 'docs', 'screenshots', `${name}.png`);

test.use({ viewport: { width: 1360, height: 900 } });

test('the main pages, as the demo users see them', async ({ page }) => {
  await login(page, 'soziales');
  await expect(page.getByTestId('aufgabe').first()).toBeVisible();
  await page.screenshot({ path: out('meine-aufgaben') });

  // In-app navigation: a full page load would sign in again through Keycloak first.
  await page.getByTestId('aufgabe').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Meine Aufgaben');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('aufgabe-massnahmen-vorschlagen'), fullPage: true });

  await page.getByRole('link', { name: 'Maßnahmen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Maßnahmen' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out('massnahmen'), fullPage: true });
});
