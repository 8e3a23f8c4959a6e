import { request } from 'node:http';
import { connect } from 'node:net';
import { createPool, type Pool, withTransaction } from '../src/db';
import { toAppError } from '../src/http/problem';
import { call, listen, type RunningServer, stackEnv, unboundedInputs, userToken } from '../src/testing';
import { createFixtureApp, fixtureOpenApi } from './fixtures/app';

/** One raw HTTP/1.1 exchange, for what fetch would refuse to send. */
function rawExchange(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A GET with whatever headers, through node:http (which sends what it is given). */
function getWithHeaders(url: string, headers: Record<string, string>): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const problemOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

describe('bad input on the kit’s HTTP stack', () => {
  let server: RunningServer;
  let pool: Pool;
  let token: string;

  beforeAll(async () => {
    pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema: 'public' });
    server = await listen(createFixtureApp({ bodyLimit: '2kb', uploadLimit: '100kb', validateResponses: true, pool }));
    token = await userToken('planer');
  });
  afterAll(async () => {
    await server.close();
    await pool.end();
  });

  test('when a JSON body holds a NUL character or an unpaired surrogate, then 400 problem+json names each place', async () => {
    const body = '{"name": "Nord\\u0000stadt", "count": 1, "tags": ["\\ud800"], "\\udc00": 1}';
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/name', '/body/tags/0', '/body/\udc00']);
  });

  test('when a surrogate pair is whole, then the text passes', async () => {
    const response = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: { name: 'Nordstadt 🏘', count: 1 } });
    expect(response.status).toBe(200);
    expect(response.body.body.name).toBe('Nordstadt 🏘');
  });

  test('when the query holds a NUL character or bytes that are not UTF-8, then 400 problem+json', async () => {
    const nul = await call(`${server.url}/v1/numbers?value=1%00`, { token });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ pointer: '/query/value', detail: expect.stringMatching(/NUL/) }]);
    const latin1 = await call(`${server.url}/v1/numbers?value=%FC`, { token });
    expect(latin1.status).toBe(400);
    expect(latin1.body.errors[0].pointer).toBe('/query');
  });

  test('when the path is not percent-encoded UTF-8, then 400 problem+json, not 404 or 500', async () => {
    const response = await call(`${server.url}/v1/echo%FF%00`, { token });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].pointer).toBe('/path');
  });

  test('when the URL is longer than 8 KB, then 414 problem+json', async () => {
    const response = await call(`${server.url}/v1/numbers?value=${'1'.repeat(9_000)}`, { token });
    expect(response.status).toBe(414);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 414, title: 'URI Too Long' });
  });

  test('when the URL or the headers pass 16 KB, then 431 problem+json with a body (Node answers before express)', async () => {
    const longUrl = await getWithHeaders(`${server.url}/v1/numbers?value=${'1'.repeat(20_000)}`, { authorization: `Bearer ${token}` });
    const bigHeader = await getWithHeaders(`${server.url}/v1/numbers?value=1`, { authorization: `Bearer ${token}`, 'x-filler': 'a'.repeat(20_000) });
    for (const response of [longUrl, bigHeader]) {
      expect(response.status).toBe(431);
      expect(response.type).toBe('application/problem+json');
      expect(JSON.parse(response.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', detail: expect.stringMatching(/16 KB/) });
    }
  });

  test('when the request is not valid HTTP, then 400 problem+json with a body, and the server keeps serving', async () => {
    const answer = await rawExchange(server.url, 'GET /v1/me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/);
    expect(problemOf(answer)).toMatchObject({ status: 400 });
    expect((await call(`${server.url}/health/live`)).status).toBe(200);
  });

  test('when PostgreSQL refuses a value the request brought, then 400 problem+json without the database’s message', async () => {
    const response = await call(`${server.url}/v1/numbers?value=99999999999`, { token });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ title: 'Bad Request', sqlState: '22003' });
    expect(`${response.body.title} ${response.body.detail}`).not.toMatch(/integer|range for type|\d/);
    const malformed = await call(`${server.url}/v1/numbers?value=zwölf`, { token });
    expect(malformed.status).toBe(400);
    expect((await call(`${server.url}/v1/numbers?value=12`, { token })).body).toEqual({ n: 12 });
  });

  test('when a row breaks a unique or foreign key, then 409 or 422, never 500', async () => {
    const refusals = await withTransaction(pool, async (client) => {
      await client.query('CREATE TEMP TABLE parent (id int PRIMARY KEY) ON COMMIT DROP');
      await client.query('CREATE TEMP TABLE child (parent int REFERENCES parent) ON COMMIT DROP');
      await client.query('INSERT INTO parent VALUES (1)');
      const duplicate = await client.query('SAVEPOINT a').then(() => client.query('INSERT INTO parent VALUES (1)')).catch((e: unknown) => e);
      await client.query('ROLLBACK TO SAVEPOINT a');
      const orphan = await client.query('INSERT INTO child VALUES (2)').catch((e: unknown) => e);
      await client.query('ROLLBACK TO SAVEPOINT a');
      return [duplicate, orphan].map((error) => toAppError(error));
    });
    expect(refusals.map((p) => [p.status, p.extensions?.sqlState])).toEqual([
      [409, '23505'],
      [422, '23503'],
    ]);
    expect(refusals.map((p) => p.detail).join(' ')).not.toMatch(/parent|child|key/i);
  });

  test('when an upload route gets a body above the JSON limit, then its own larger limit applies', async () => {
    const file = await call(`${server.url}/v1/files`, { token, method: 'POST', body: { content: 'x'.repeat(50_000) } });
    expect(file.status).toBe(200);
    expect(file.body).toEqual({ length: 50_000 });
    const echo = await call(`${server.url}/v1/echo`, { token, method: 'POST', body: { name: 'x'.repeat(50_000), count: 1 } });
    expect(echo.status).toBe(413);
    const tooLarge = await call(`${server.url}/v1/files`, { token, method: 'POST', body: { content: 'x'.repeat(150_000) } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.title).toBe('Content Too Large');
  });

  test('when a file comes as a multipart form, then only upload routes read it, within the upload limit', async () => {
    const form = (bytes: number, fields: Record<string, string> = {}) => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(bytes)]), 'a.bin');
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      return body;
    };
    expect((await call(`${server.url}/v1/files`, { token, method: 'POST', body: form(50_000, { note: 'ok' }) })).body).toEqual({ length: 50_000 });
    expect((await call(`${server.url}/v1/files`, { token, method: 'POST', body: form(150_000) })).body).toMatchObject({ status: 413, title: 'Content Too Large' });
    expect((await call(`${server.url}/v1/files`, { token, method: 'POST', body: form(10, { note: 'x'.repeat(21) }) })).status).toBe(400);
    const noFile = new FormData();
    noFile.append('note', 'no file');
    expect((await call(`${server.url}/v1/files`, { token, method: 'POST', body: noFile })).status).toBe(400);
    const broken = await call(`${server.url}/v1/files`, { token, method: 'POST', body: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(broken.status).toBe(400);
    expect((await call(`${server.url}/v1/echo`, { token, method: 'POST', body: form(10) })).status).toBe(415);
  });

  test('when responses are validated and one breaks the document, then a 500 names the field', async () => {
    const response = await call(`${server.url}/v1/promise`, { token });
    expect(response.status).toBe(500);
    expect(response.body.title).toBe('Response does not match the OpenAPI document');
    expect(response.body.detail).toMatch(/name must be string/);
  });
});

describe('unbounded inputs of an OpenAPI document', () => {
  test('when a request accepts strings, numbers or lists without limits, then each place is named', () => {
    const found = unboundedInputs(fixtureOpenApi());
    expect(found).toEqual(
      expect.arrayContaining([
        'POST /v1/echo body/name: string without maxLength',
        'POST /v1/echo body/count: number without minimum and maximum',
        'POST /v1/outgoing body/url: string without maxLength',
      ]),
    );
    expect(found.join('\n')).not.toMatch(/\/v1\/(slow|numbers)/);
  });
});
