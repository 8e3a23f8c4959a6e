import { join } from 'node:path';
import { freePort, startProcess } from '@sozialraum/kit/testing';
import { expect, expectAccessible, login, test } from './support/test';

test.describe('signing in and out', () => {
  test('when a department user signs in through Keycloak, then their inbox opens and no token is kept in web storage', async ({ page }) => {
    await login(page, 'wohnen');
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Aufgaben' })).toBeVisible();
    await expect(page.getByTestId('angemeldet-als')).toContainText('Wohnen');
    await expect(page.getByRole('link', { name: /^Meine Gruppen/ })).toHaveAttribute('aria-current', 'page');
    // Department staff do not get the all-departments view.
    await expect(page.getByRole('link', { name: /^Alle Abteilungen/ })).toHaveCount(0);
    await expectAccessible(page);
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
    expect(stored).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT anywhere
    expect(stored).not.toContain('access_token');
  });

  test('when a signed-in person reloads a deep link, then Keycloak’s session brings them back to it without the login form', async ({ page }) => {
    await login(page, 'soziales', '/benachrichtigungen');
    await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
    await expect(page).toHaveURL(/\/benachrichtigungen$/);
  });

  test('when a person signs out, then Keycloak ends the session and the app says so in German', async ({ page }) => {
    await login(page, 'gast');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sie sind abgemeldet' })).toBeVisible();
    await expectAccessible(page);
    // The Keycloak session is gone: the app asks for the password again.
    await page.getByRole('link', { name: 'Wieder anmelden' }).click();
    await expect(page.locator('#username')).toBeVisible();
  });

  test('when Keycloak cannot be reached, then the app explains it in German instead of failing blank', async ({ page }) => {
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    const web = await startProcess(join(__dirname, '..', 'dist', 'server', 'index.js'), { KEYCLOAK_URL: unreachable, LOG_LEVEL: 'warn' });
    try {
      await expect.poll(() => fetch(`${web.url}/health/ready`).then((r) => r.status, () => 0)).toBe(200);
      await page.goto(`${web.url}/aufgaben`);
      await expect(page.getByRole('heading', { level: 1, name: 'Die Anmeldung ist gerade nicht erreichbar' })).toBeVisible();
      await expectAccessible(page);
    } finally {
      web.child.kill('SIGTERM');
      await web.exited;
    }
  });
});
