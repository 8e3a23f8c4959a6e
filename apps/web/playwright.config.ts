import { defineConfig } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (apt package `chromium`; never `playwright install`) against the real
 * platform: the global setup starts every service, the worker and the web server, and loads the demo.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  // The journeys build on each other (a proposal, then the committee's decision), and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: '../../.local/playwright',
  use: {
    baseURL: process.env.WEB_URL,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Without the background-networking switches Chromium keeps calling Google's hosts, which this network refuses.
      args: ['--lang=de-DE', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
