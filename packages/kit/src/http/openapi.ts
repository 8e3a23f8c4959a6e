import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type OpenApiDocument = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, unknown>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

/** What every service publishes besides its own paths: health, the caller's identity, admin status. */
const platform = {
  paths: {
    '/health/live': {
      get: {
        operationId: 'live',
        tags: ['operations'],
        security: [],
        summary: 'The process is running',
        responses: { '200': { description: 'Alive', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } } },
      },
    },
    '/health/ready': {
      get: {
        operationId: 'ready',
        tags: ['operations'],
        security: [],
        summary: 'This process can serve: its own database answers and it is not shutting down',
        responses: {
          '200': { description: 'Ready', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
          '503': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/openapi.json': {
      get: { operationId: 'openapi', tags: ['operations'], security: [], summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } },
    },
    '/v1/me': {
      get: {
        operationId: 'me',
        tags: ['identity'],
        summary: 'Who the caller is, as this service sees the token',
        responses: {
          '200': { description: 'The principal', content: { 'application/json': { schema: { $ref: '#/components/schemas/Principal' } } } },
          '401': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/v1/admin/status': {
      get: {
        operationId: 'adminStatus',
        tags: ['operations'],
        summary: 'Service version, uptime, readiness and the state of every dependency (role admin)',
        responses: {
          '200': { description: 'Status', content: { 'application/json': { schema: { $ref: '#/components/schemas/ServiceStatus' } } } },
          '401': { $ref: '#/components/responses/Problem' },
          '403': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Keycloak access token of realm sozialraum' },
    },
    responses: {
      Problem: { description: 'An RFC 9457 problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      Unavailable: {
        description: 'A dependency (database, Redis, Temporal, Keycloak, another service) is away or did not answer before its deadline; nothing was half done. Try again after Retry-After.',
        headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
      TooManyRequests: {
        description: 'The caller used up the per-user budget of expensive requests; try again after Retry-After.',
        headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
    headers: {
      RetryAfter: { description: 'Seconds until the request may succeed', schema: { type: 'integer', minimum: 1 } },
    },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          requestId: { type: 'string' },
          errors: {
            type: 'array',
            items: { type: 'object', required: ['pointer', 'detail'], properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
          },
        },
      },
      Health: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string' }, checks: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      Principal: {
        type: 'object',
        required: ['id', 'name', 'roles', 'departments', 'committees', 'spaces'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          username: { type: 'string' },
          clientId: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          departments: { type: 'array', items: { type: 'string' } },
          committees: { type: 'array', items: { type: 'string' } },
          spaces: { type: 'array', items: { type: 'string' } },
        },
      },
      ServiceStatus: {
        type: 'object',
        required: ['service', 'version', 'uptimeSeconds', 'ready', 'checks', 'dependencies'],
        properties: {
          service: { type: 'string' },
          version: { type: 'string' },
          uptimeSeconds: { type: 'number' },
          ready: { type: 'boolean', description: 'what /health/ready says: every essential dependency answers' },
          checks: { type: 'object', additionalProperties: { type: 'string' }, description: '`ok` or why the check failed, by dependency' },
          dependencies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'essential', 'up', 'detail', 'latencyMs'],
              properties: {
                name: { type: 'string' },
                essential: { type: 'boolean', description: 'readiness fails without it (the own database)' },
                up: { type: 'boolean' },
                detail: { type: 'string' },
                latencyMs: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  },
};

/** Reads a service's own OpenAPI 3.1 YAML and adds the platform's common paths and components. */
export function loadOpenApiDocument(path: string): OpenApiDocument {
  const own = parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  const components: Record<string, Record<string, unknown>> = { ...own.components };
  for (const [section, entries] of Object.entries(platform.components)) {
    components[section] = { ...entries, ...components[section] };
  }
  return {
    ...own,
    security: own.security ?? [{ bearerAuth: [] }],
    paths: withOutageResponses({ ...platform.paths, ...own.paths }),
    components,
  };
}

/** The operations marked `x-upload: true` (files come in as JSON), as method and path pattern. */
export function uploadOperations(document: OpenApiDocument): Array<{ method: string; path: RegExp }> {
  const found: Array<{ method: string; path: RegExp }> = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { 'x-upload'?: boolean }>)) {
      if (operation?.['x-upload'] !== true) continue;
      const pattern = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
      found.push({ method: method.toUpperCase(), path: new RegExp(`^${pattern}$`) });
    }
  }
  return found;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const noDependencies = new Set(['/health/live', '/openapi.json']);

/**
 * Every operation that reaches a dependency may answer 503 with Retry-After, and an `x-expensive` one 429
 * with Retry-After: the published document says so for each operation (unless it says more itself).
 */
function withOutageResponses(paths: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      if (noDependencies.has(path) || typeof item !== 'object' || item === null) return [path, item];
      const operations = Object.entries(item as Record<string, unknown>).map(([key, value]) => {
        if (!methods.includes(key) || typeof value !== 'object' || value === null) return [key, value];
        const operation = value as { responses?: Record<string, unknown>; 'x-expensive'?: boolean };
        const responses = {
          ...operation.responses,
          '503': operation.responses?.['503'] ?? { $ref: '#/components/responses/Unavailable' },
          ...(operation['x-expensive'] === true ? { '429': operation.responses?.['429'] ?? { $ref: '#/components/responses/TooManyRequests' } } : {}),
        };
        return [key, { ...operation, responses }];
      });
      return [path, Object.fromEntries(operations)];
    }),
  );
}
