import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { AppError, problems } from '../errors';
import { type Principal, principalFromClaims } from './principal';

export interface TokenVerifierOptions {
  /** Realm issuer, e.g. http://127.0.0.1:58080/realms/sozialraum */
  issuer: string;
  audience: string;
  jwksUri?: string;
  /** Keycloak signs with RS256 by default; anything else (and `none`) is refused. */
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /** The clock, replaceable so tests can move a real token past its expiry. */
  now?: () => Date;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
  /** Fetches the signing keys; used by readiness checks. */
  ready(): Promise<void>;
}

export function keycloakIssuer(keycloakUrl: string, realm: string): string {
  return `${keycloakUrl.replace(/\/$/, '')}/realms/${realm}`;
}

/**
 * Verifies Keycloak access tokens: signature against the realm's JWKS (cached; an unknown `kid`
 * triggers a refetch, so key rotation needs no restart), issuer, audience, expiry and algorithm.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const jwksUrl = new URL(options.jwksUri ?? `${options.issuer}/protocol/openid-connect/certs`);
  const jwks = createRemoteJWKSet(jwksUrl, { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  const algorithms = options.algorithms ?? ['RS256', 'PS256', 'ES256'];

  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 5,
          currentDate: options.now?.(),
          requiredClaims: ['exp', 'sub'],
        });
        // Keycloak marks access tokens `typ: Bearer`; an ID or refresh token is not a credential for an API.
        if (payload.typ !== undefined && payload.typ !== 'Bearer') {
          throw problems.unauthorized(`Token type "${String(payload.typ)}" is not an access token.`);
        }
        return principalFromClaims(payload);
      } catch (error) {
        throw toAuthProblem(error);
      }
    },
    async ready() {
      await jwks.reload();
    },
  };
}

function toAuthProblem(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return new AppError({
      status: 503,
      title: 'Service Unavailable',
      detail: 'The identity provider cannot be reached to verify the token; try again shortly.',
      cause: error,
    });
  }
  if (error instanceof errors.JWTExpired) return problems.unauthorized('The access token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return problems.unauthorized(`The access token's "${error.claim}" claim is not valid here (${error.reason}).`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return problems.unauthorized('The token algorithm is not allowed.');
  return problems.unauthorized('The access token is invalid or not signed by this realm.');
}
