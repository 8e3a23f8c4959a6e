import type { BaseServiceConfig } from '../config';
import type { HealthCheck } from '../health';
import { createTokenVerifier, keycloakIssuer, type TokenVerifier } from './verifier';

/** The verifier every service builds from its base config, and the status check on Keycloak's JWKS (not essential: cached keys keep verifying). */
export function authFromConfig(config: BaseServiceConfig): { verifier: TokenVerifier; health: HealthCheck } {
  const verifier = createTokenVerifier({
    issuer: keycloakIssuer(config.KEYCLOAK_URL, config.KEYCLOAK_REALM),
    audience: config.AUTH_AUDIENCE,
    timeoutMs: config.KEYCLOAK_TIMEOUT_MS,
  });
  return { verifier, health: { name: 'keycloak', check: () => verifier.ready() } };
}
