import { z } from 'zod';
import { AppError } from '../errors';
import { dependencyUnavailable, retryAfterFor } from '../outage';

const tokenResponse = z.object({ access_token: z.string(), expires_in: z.number() });

export interface ServiceTokenOptions {
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** Deadline of one token request (default 3 s); past it, 503 with Retry-After. */
  timeoutMs?: number;
}

/**
 * Client-credentials tokens for calls between services, cached until shortly before they expire (so calls go
 * on for a while when Keycloak is away). Keycloak refusing the service's own credentials is 502, not the
 * caller's fault; Keycloak away or slow is 503 with Retry-After.
 */
export function createServiceTokenProvider(options: ServiceTokenOptions): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  const url = `${options.keycloakUrl.replace(/\/$/, '')}/realms/${options.realm}/protocol/openid-connect/token`;

  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const timeoutMs = options.timeoutMs ?? 3_000;
    let response: Response;
    let json: unknown;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: options.clientId,
          client_secret: options.clientSecret,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      json = response.ok ? await response.json() : undefined;
    } catch (error) {
      throw dependencyUnavailable('keycloak', `Keycloak did not issue a service token for client "${options.clientId}" within ${timeoutMs} ms; try again shortly.`, {
        retryAfterSeconds: retryAfterFor(timeoutMs),
        cause: error,
      });
    }
    if (!response.ok) {
      const detail = `Keycloak refused a service token for client "${options.clientId}" (HTTP ${response.status}).`;
      if (response.status >= 500) throw dependencyUnavailable('keycloak', detail, { retryAfterSeconds: retryAfterFor(timeoutMs) });
      throw new AppError({ status: 502, title: 'Bad Gateway', detail });
    }
    const body = tokenResponse.parse(json);
    cached = { token: body.access_token, renewAt: Date.now() + Math.max(0, body.expires_in - 30) * 1000 };
    return cached.token;
  };
}

/** The service's own login, from the variables every calling service reads. */
export function serviceTokenFromConfig(config: {
  KEYCLOAK_URL: string;
  KEYCLOAK_REALM: string;
  KEYCLOAK_CLIENT_ID: string;
  KEYCLOAK_CLIENT_SECRET: string;
  KEYCLOAK_TIMEOUT_MS?: number;
}): () => Promise<string> {
  return createServiceTokenProvider({
    timeoutMs: config.KEYCLOAK_TIMEOUT_MS,
    keycloakUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  });
}
