import { z } from 'zod';
import { AppError } from '../errors';

const tokenResponse = z.object({ access_token: z.string(), expires_in: z.number() });

export interface ServiceTokenOptions {
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}

/** Client-credentials tokens for calls between services, cached until shortly before they expire. */
export function createServiceTokenProvider(options: ServiceTokenOptions): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  const url = `${options.keycloakUrl.replace(/\/$/, '')}/realms/${options.realm}/protocol/openid-connect/token`;

  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
      }),
    });
    if (!response.ok) {
      throw new AppError({
        status: 503,
        title: 'Service Unavailable',
        detail: `Keycloak refused a service token for client "${options.clientId}" (HTTP ${response.status}).`,
      });
    }
    const body = tokenResponse.parse(await response.json());
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
}): () => Promise<string> {
  return createServiceTokenProvider({
    keycloakUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    clientId: config.KEYCLOAK_CLIENT_ID,
    clientSecret: config.KEYCLOAK_CLIENT_SECRET,
  });
}
