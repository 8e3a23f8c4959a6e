// @vitest-environment node
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@sozialraum/kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configSchema } from './config';
import { createWebServer } from './server';

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = (server: Server) => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });

describe('the web server', () => {
  let web: Server;
  let url: string;
  let upstream: Server;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    // A stand-in for the strategy service that echoes what reached it; the real services are exercised by the browser tests.
    upstream = createServer((req, res) => {
      seen.push(req);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url, requestId: req.headers['x-request-id'] }));
    });
    const strategy = await listen(upstream);
    const dist = mkdtempSync(join(tmpdir(), 'web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Sozialraum</title>');
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
    const config = configSchema.parse({
      KEYCLOAK_URL: 'https://login.stadt.example',
      STRATEGY_URL: strategy,
      MONITORING_URL: 'http://127.0.0.1:9', // nothing listens on the discard port
      STATIC_DIR: dist,
    });
    web = createWebServer(config, createLogger({ name: 'web', level: 'silent' })).listen(0, '127.0.0.1');
    await new Promise((resolve) => web.once('listening', resolve));
    url = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await close(web);
    await close(upstream);
  });

  test('when a page is asked for, then the app is served with a strict Content-Security-Policy and revalidated every time', async () => {
    const response = await fetch(`${url}/aufgaben/cycle-STGT01-1%2Fanalysis`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Sozialraum</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://login.stadt.example");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test('when a hashed asset is asked for, then it may be cached for a year; other files are revalidated', async () => {
    const asset = await fetch(`${url}/assets/index-Ab12Cd34.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${url}/favicon.svg`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${url}/assets/missing-Zz99Yy88.js`)).status).toBe(404);
  });

  test('when an API path is called, then it reaches the owning service unchanged, with the request ID', async () => {
    const response = await fetch(`${url}/v1/tasks?scope=mine`, { headers: { 'x-request-id': 'web-test-1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: '/v1/tasks?scope=mine', requestId: 'web-test-1' });
  });

  test('when no service serves an API path, then 404 problem+json; a service that is down gives 502 problem+json', async () => {
    const unknown = await fetch(`${url}/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const down = await fetch(`${url}/v1/spaces`);
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ status: 502, service: 'monitoring' });
  });

  test('when the browser asks for its login settings, then it gets the realm of this environment, never cached', async () => {
    const response = await fetch(`${url}/config.json`);
    expect(await response.json()).toEqual({ authority: 'https://login.stadt.example/realms/sozialraum', clientId: 'sozialraum-web' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test('when probed, then live and ready answer 200', async () => {
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });
});
