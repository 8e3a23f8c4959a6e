import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { DEFAULT_REDIS_PREFIX } from '../config';
import { createLogger } from '../logger';
import { createHttpServer } from '../http/client-errors';

/** The stack's addresses, as scripts/test.sh exports them from infra/local/stack.sh. */
export function stackEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test", which starts the local stack.`);
  return value;
}

/** The Redis prefix the processes under test use (scripts/test.sh sets REDIS_PREFIX), for queues a test opens itself. */
export const redisPrefix = () => process.env.REDIS_PREFIX ?? DEFAULT_REDIS_PREFIX;

export const testLogger = () => createLogger({ name: 'test', level: process.env.LOG_LEVEL ?? 'silent' });

export const issuer = () => `${stackEnv('KEYCLOAK_URL')}/realms/${process.env.KEYCLOAK_REALM ?? 'sozialraum'}`;

async function requestToken(params: Record<string, string>, realmIssuer = issuer()): Promise<string> {
  const response = await fetch(`${realmIssuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`token request failed: ${response.status} ${body.error_description ?? ''}`);
  return body.access_token;
}

/**
 * A real access token for a demo user, asked for at another address of the same Keycloak (e.g. a fault proxy
 * in front of it): Keycloak names the address it was asked at as the issuer.
 */
export function userTokenAt(keycloakUrl: string, username: string, password = 'demo'): Promise<string> {
  const realm = `${keycloakUrl.replace(/\/$/, '')}/realms/${process.env.KEYCLOAK_REALM ?? 'sozialraum'}`;
  return requestToken({ grant_type: 'password', client_id: 'sozialraum-dev-cli', username, password, scope: 'openid' }, realm);
}

/** A real access token for a demo user (password grant of the local-only `sozialraum-dev-cli` client). */
export function userToken(username: string, password = 'demo', clientId = 'sozialraum-dev-cli'): Promise<string> {
  return requestToken({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' });
}

/** A real token from another realm (Keycloak's own `master`), for foreign-issuer tests. */
export function masterRealmToken(): Promise<string> {
  return requestToken(
    { grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' },
    `${stackEnv('KEYCLOAK_URL')}/realms/master`,
  );
}

export interface RunningServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

/**
 * Listens on a free port, for tests against the real started server — the production HTTP server, whose idle
 * connections outlive fetch's own keep-alive: a test's service runs its jobs in the test's process, and a job
 * that holds the event loop for seconds must not let the server drop a connection just as fetch reuses it.
 */
export async function listen(app: Express): Promise<RunningServer> {
  const server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** fetch with a bearer token, returning status, headers and parsed body (JSON, or a FormData as multipart). */
export async function call(
  url: string,
  options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON came back
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : form || typeof options.body === 'string' ? (options.body as FormData | string) : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}
export * from './processes';
export * from './service';
export * from './openapi-bounds';
export * from './fault-proxy';
export * from './redis-server';
export * from './cycle-services';
export * from './replica';
