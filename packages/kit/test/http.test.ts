import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call, listen, type RunningServer, userToken } from '../src/testing';
import { createFixtureApp } from './fixtures/app';

describe('the HTTP app factory', () => {
  const lines: Array<Record<string, unknown>> = [];
  const logs = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await listen(createFixtureApp({ logs, bodyLimit: '2kb' }));
    token = await userToken('planer');
  });
  afterAll(() => server.close());

  test('when a body breaks the schema, then 400 problem+json lists every failing field and why', async () => {
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: { name: '', count: -1, colour: 'red' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/name', '/body/count']));
    expect(JSON.stringify(response.body.errors)).toMatch(/colour/);
    expect(response.body.detail).toMatch(/\/body\/count must be >= 0/);
  });

  test('when the body is valid, then the route answers', async () => {
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: { name: 'Nordstadt', count: 3 } });
    expect(response.status).toBe(200);
    expect(response.body.body).toEqual({ name: 'Nordstadt', count: 3 });
  });

  test('when the JSON is malformed, then 400 problem+json', async () => {
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: '{"name": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('when the body is larger than the limit, then 413 problem+json', async () => {
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: { name: 'x'.repeat(5_000), count: 1 } });
    expect(response.status).toBe(413);
    expect(response.body.title).toBe('Content Too Large');
  });

  test('when the route is unknown, then 404 problem+json', async () => {
    const response = await call(`${server.url}/v1/nothing-here`, { token });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, instance: '/v1/nothing-here' });
  });

  test('when a response is sent, then it carries security headers', async () => {
    const response = await call(`${server.url}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  test('when the OpenAPI document is asked for, then it is served without a token and is 3.1', async () => {
    const response = await call(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health/ready', '/v1/me', '/v1/echo']));
  });

  test('when the process can serve, then /health/ready is 200 and runs only essential checks (Keycloak is not one)', async () => {
    const response = await call(`${server.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', checks: {} });
  });

  test('when a request carries an ID, then it is echoed, logged on every line and passed to outgoing calls', async () => {
    const seen: string[] = [];
    const other = createServer((req, res) => {
      seen.push(String(req.headers['x-request-id']));
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const response = await call(`${server.url}/v1/outgoing`, { token, method: 'POST', body: { url }, headers: { 'x-request-id': 'req-42' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('req-42');
      expect(seen).toEqual(['req-42']);
      const requestLines = lines.filter((l) => l.route === '/v1/outgoing');
      expect(requestLines.length).toBeGreaterThan(0);
      expect(requestLines.every((l) => l.requestId === 'req-42')).toBe(true);
    } finally {
      other.close();
    }
  });

  test('when a request ends, then one line logs method, route template, status, duration and request ID, and no header', async () => {
    const response = await call(`${server.url}/v1/slow?ms=3`, { token, headers: { 'x-request-id': 'req-log-1', cookie: 'session=secret' } });
    expect(response.status).toBe(200);
    const ended = lines.filter((l) => l.requestId === 'req-log-1' && l.status);
    expect(ended).toEqual([
      expect.objectContaining({ level: 'info', msg: 'GET /v1/slow 200', method: 'GET', route: '/v1/slow', status: 200, requestId: 'req-log-1', durationMs: expect.any(Number) }),
    ]);
    expect(JSON.stringify(ended)).not.toMatch(/authorization|cookie|Bearer|headers|ms=3/i);
  });

  test('when requests were served, then /metrics counts them by route template and status, without a token', async () => {
    await call(`${server.url}/v1/slow?ms=1`, { token });
    await call(`${server.url}/v1/slow?ms=-1`, { token });
    await call(`${server.url}/v1/nothing-here/4711`, { token });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const series = (await response.text()).split('\n').filter((line) => line.startsWith('http_request_duration_seconds_count'));
    const count = (labels: RegExp) => Number(series.find((line) => labels.test(line))?.split(' ').at(-1) ?? 0);
    expect(count(/method="GET",route="\/v1\/slow",status="200"/)).toBeGreaterThanOrEqual(1);
    expect(count(/route="\/v1\/slow",status="400"/)).toBeGreaterThanOrEqual(1);
    expect(count(/route="unmatched",status="404"/)).toBeGreaterThanOrEqual(1);
    expect(series.join('\n')).not.toMatch(/4711|health/);
    expect(series.every((line) => line.includes('service="fixture"'))).toBe(true);
  });

  test('when a request carries no ID, then one is made up and returned', async () => {
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: { name: 'a', count: 0 } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  });
});
