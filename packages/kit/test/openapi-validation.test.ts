import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { OpenApiDocument } from '../src/http/openapi';
import { openApiValidation } from '../src/http/openapi-validation';

/**
 * The kit's validation (a validator per path, the request sent to its path's one) against the validator of the
 * whole document, as express-openapi-validator alone gives it: every request is answered the same.
 */
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = { responses: { '200': { description: 'ok' } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]+$' } };
const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'paths', version: '1' },
  paths: {
    '/v1/zeta': { get: ok },
    '/v1/items': {
      get: { ...ok, parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 10 } }] },
      post: { ...ok, requestBody: { required: true, ...json({ type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 5 } } }) } },
    },
    '/v1/{kind}/list': { get: { ...ok, parameters: [{ name: 'kind', in: 'path', required: true, schema: { type: 'string' } }] } },
    '/v1/items/{id}': { get: { ...ok, parameters: [id] }, delete: { ...ok, parameters: [id] } },
    '/v1/items/{id}/notes': { get: { ...ok, parameters: [id] } },
    '/v1/items/counts': { get: ok },
    '/v1/alpha': { get: ok },
  },
};
const options = { validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true, allErrors: true }, validateResponses: false, ignoreUndocumented: false };

const requests: Array<[method: string, path: string, body?: unknown]> = [
  ['GET', '/v1/items'],
  ['GET', '/v1/items/'],
  ['GET', '/V1/Items'],
  ['GET', '/v1/items?limit=5'],
  ['GET', '/v1/items?limit=50'],
  ['GET', '/v1/items?other=1'],
  ['POST', '/v1/items', { name: 'Tisch' }],
  ['POST', '/v1/items', { name: 'zu lang' }],
  ['PUT', '/v1/items', {}],
  ['GET', '/v1/items/counts'],
  ['GET', '/v1/items/abc'],
  ['GET', '/v1/items/ABC1'],
  ['DELETE', '/v1/items/abc'],
  ['PATCH', '/v1/items/abc', {}],
  ['GET', '/v1/items/abc/notes'],
  ['GET', '/v1/items/list'],
  ['GET', '/v1/things/list'],
  ['GET', '/v1/items/%E0%A4%A'],
  ['GET', '/v1/items/a/b/c'],
  ['GET', '/v1/alpha'],
  ['GET', '/v1/nothing'],
  ['GET', '/'],
];

async function answers(validation: RequestHandler): Promise<Array<{ status: number; body: unknown }>> {
  const app = express();
  app.use(express.json());
  app.use(validation);
  app.use((req, res) => {
    const openapi = (req as { openapi?: { openApiRoute: string; pathParams: unknown } }).openapi;
    res.json({ route: openapi?.openApiRoute, params: openapi?.pathParams, query: req.query, body: req.body });
  });
  app.use(((error, _req, res, _next) => {
    res.status(error.status ?? 500).json({ message: error.message, errors: error.errors, allow: error.headers?.Allow });
  }) satisfies ErrorRequestHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const got = [];
    for (const [method, path, body] of requests) {
      const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      got.push({ status: response.status, body: await response.json() });
    }
    return got;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('OpenAPI validation by path', () => {
  test('when requests reach every kind of path, then each is answered as the validator of the whole document answers it', async () => {
    const whole = await answers(OpenApiValidator.middleware({ ...options, apiSpec: document as never }) as unknown as RequestHandler);
    const byPath = await answers(openApiValidation(document, options));
    expect(byPath).toEqual(whole);
    // What they agree on: the operation found, and each refusal.
    expect(whole.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 400, 400, 200, 400, 405, 200, 200, 400, 200, 405, 200, 200, 200, 400, 404, 200, 404, 404]);
    expect(byPath[0]!.body).toMatchObject({ route: '/v1/items' });
    expect(byPath[9]!.body).toMatchObject({ route: '/v1/items/counts' });
    expect(byPath[15]!.body).toMatchObject({ route: '/v1/items/{id}', params: { id: 'list' } });
    expect(byPath[16]!.body).toMatchObject({ route: '/v1/{kind}/list', params: { kind: 'things' } });
  });
});
