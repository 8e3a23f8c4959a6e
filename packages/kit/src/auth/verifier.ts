import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { AppError, problems } from '../errors';
import { dependencyUnavailable, retryAfterFor } from '../outage';
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
  /** Deadline of one fetch of the signing keys (default 3 s). */
  timeoutMs?: number;
  /** How old the keys may get before they are fetched again in the background (default 10 min). */
  refreshAfterMs?: number;
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
 * Verifies Keycloak access tokens: signature against the realm's JWKS, issuer, audience, expiry and
 * algorithm. The keys are cached and never expire on their own: they are refreshed in the background when
 * older than `refreshAfterMs` (a failed refresh keeps them), and an unknown `kid` triggers a refetch (so key
 * rotation needs no restart). Tokens therefore keep verifying while Keycloak is away; only a process that
 * has never fetched the keys, or a token signed with a key it does not know, waits for Keycloak (at most
 * `timeoutMs`, then 503 with Retry-After).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const jwksUrl = new URL(options.jwksUri ?? `${options.issuer}/protocol/openid-connect/certs`);
  const timeoutMs = options.timeoutMs ?? 3_000;
  const refreshAfterMs = options.refreshAfterMs ?? 10 * 60_000;
  const jwks = createRemoteJWKSet(jwksUrl, { cooldownDuration: 30_000, cacheMaxAge: Infinity, timeoutDuration: timeoutMs });
  const algorithms = options.algorithms ?? ['RS256', 'PS256', 'ES256'];
  let refreshedAt = Date.now();
  const refreshInBackground = () => {
    if (Date.now() - refreshedAt < refreshAfterMs || jwks.reloading) return;
    refreshedAt = Date.now();
    jwks.reload().catch(() => undefined); // Keycloak away: the keys we have stay in use
  };
  const toProblem = (error: unknown) => toAuthProblem(error, timeoutMs);

  return {
    async verify(token) {
      refreshInBackground();
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
        throw toProblem(error);
      }
    },
    async ready() {
      await jwks.reload();
      refreshedAt = Date.now();
    },
  };
}

function toAuthProblem(error: unknown, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC') {
    return dependencyUnavailable('keycloak', 'The identity provider cannot be reached to verify the token; try again shortly.', {
      retryAfterSeconds: retryAfterFor(timeoutMs),
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
