import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test as base } from '@playwright/test';
import { call, userToken } from '@sozialraum/kit/testing';

export { expect };

/** Playwright's test with the web app the global setup started as base URL. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
  baseURL: async ({}, use) => use(process.env.WEB_URL),
});

/** Signs in through Keycloak's real login page, as a person would, and waits for the app. */
export async function login(page: Page, username: string, path = '/aufgaben', password = 'demo'): Promise<void> {
  await page.goto(path);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await expect(page.getByTestId('angemeldet-als')).not.toBeEmpty();
}

/** No WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}

type Api = 'STRATEGY_API' | 'MEASURES_API' | 'MONITORING_API';

/** The services' APIs with a demo user's real token, to prepare and check what the browser did. */
export async function apiAs(username: string) {
  const token = await userToken(username);
  const at = (service: Api) => (path: string, options: { method?: string; body?: unknown } = {}) => call(`${process.env[service]}${path}`, { token, ...options });
  return { strategy: at('STRATEGY_API'), measures: at('MEASURES_API'), monitoring: at('MONITORING_API') };
}
