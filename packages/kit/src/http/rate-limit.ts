import type { Request, RequestHandler } from 'express';
import { principalOf } from '../auth/middleware';
import { hasRole, Roles } from '../auth/principal';
import { problems } from '../errors';

/** The OpenAPI extension that marks an operation as expensive (exports, maps, profiles, uploads). */
export const EXPENSIVE = 'x-expensive';

const operationOf = (req: Request) => (req as Request & { openapi?: { schema?: Record<string, unknown> } }).openapi?.schema;

/**
 * Per-user budget for expensive operations: a token bucket of `perMinute` requests, refilled evenly. Past it,
 * 429 with Retry-After (when the next request is allowed). Kept per process: with n replicas a user gets up
 * to n times the budget, which is enough to stop one person's script from starving everyone else. The
 * platform's own processes (role `service`) are not limited: what they ask for follows from users' actions.
 */
export function expensiveRequestLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (operationOf(req)?.[EXPENSIVE] !== true || hasRole(principal, Roles.service)) return next();
    const user = principal.id;
    const now = Date.now();
    const bucket = buckets.get(user) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    if (buckets.size > 10_000) buckets.clear(); // bounded memory; a cleared bucket starts full
    buckets.set(user, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    next(problems.tooManyRequests(`Too many expensive requests (${perMinute} per minute per user); try again in ${retryAfterSeconds} s.`, retryAfterSeconds));
  };
}
