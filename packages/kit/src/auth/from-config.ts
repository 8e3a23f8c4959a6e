import type { BaseServiceConfig } from '../config';
import type { HealthCheck } from '../health';
import { createTokenVerifier, keycloakIssuer, type TokenVerifier } from './verifier';

/** The verifier every service builds from its base config, and the readiness check on Keycloak's JWKS. */
export function authFromConfig(config: BaseServiceConfig): { verifier: TokenVerifier; health: HealthCheck } {
  const verifier = createTokenVerifier({
    issuer: keycloakIssuer(config.KEYCLOAK_URL, config.KEYCLOAK_REALM),
    audience: config.AUTH_AUDIENCE,
  });
  return { verifier, health: { name: 'keycloak', check: () => verifier.ready() } };
}
