import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { API_ROUTES } from './server/routes';

const contracts = fileURLToPath(new URL('../../packages/contracts/src/browser.ts', import.meta.url));
const services = { monitoring: 'MONITORING_URL', strategy: 'STRATEGY_URL', measures: 'MEASURES_URL' } as const;
const localPorts = { monitoring: 3001, strategy: 3002, measures: 3003 } as const;

/** `npm run dev -w @sozialraum/web`: hot reload on :5173, /v1/* forwarded by the same table as the web server's. */
const proxy = Object.fromEntries(
  API_ROUTES.map(({ prefix, service }) => [prefix, { target: process.env[services[service]] ?? `http://127.0.0.1:${localPorts[service]}`, changeOrigin: false }]),
);

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@sozialraum/contracts/browser': contracts } },
  build: { outDir: 'dist/client', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: {
    host: '127.0.0.1',
    proxy: {
      ...proxy,
      // The dev server has no KEYCLOAK_URL of its own: the running web server's /config.json is the same.
      '/config.json': { target: process.env.WEB_URL ?? 'http://127.0.0.1:3000' },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    // Form tests type whole forms through user-event in jsdom: seconds on a busy 2-core machine, not 5.
    testTimeout: 20_000,
  },
});
