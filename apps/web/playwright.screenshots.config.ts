import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/** `npm run screenshots -w @sozialraum/web`: pictures of the main pages for the README (docs/screenshots). */
export default defineConfig({ ...base, testDir: 'e2e-screenshots', timeout: 120_000 });
