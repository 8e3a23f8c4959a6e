import { expect, expectAccessible, login, test } from './support/test';

/** The pages the journeys do not pass through, each checked with axe (WCAG 2.1 AA). */
test.describe('every other page', () => {
  test('when someone opens the accessibility statement without signing in, then it is there and accessible', async ({ page }) => {
    await page.goto('/barrierefreiheit');
    await expect(page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' })).toBeVisible();
    await expectAccessible(page);
  });

  test('when a person opens the bell and then all notifications, then both list them in German and are accessible', async ({ page }) => {
    await login(page, 'koordination');
    await page.getByRole('button', { name: /Benachrichtigungen/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Benachrichtigungen' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Alle Benachrichtigungen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeVisible();
    await expect(page.getByText(/ungelesen von \d+/)).toBeVisible();
    await expectAccessible(page);
  });

  test('when a page does not exist, then the app says so in German (no sign-in needed to learn that)', async ({ page }) => {
    await page.goto('/gibt-es-nicht');
    await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
    await expectAccessible(page);
  });
});
