import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { problems } from '../errors';
import { hasRole, type Principal, type Role } from './principal';
import type { TokenVerifier } from './verifier';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Requires a valid bearer token on every request that reaches it and puts the principal on `req`. */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header) : null;
    if (!match?.[1]) {
      next(problems.unauthorized('Send a Keycloak access token as "Authorization: Bearer <token>".'));
      return;
    }
    try {
      req.principal = await verifier.verify(match[1]);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The principal of an authenticated request; routes behind `authenticate` always have one. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw problems.unauthorized('This request is not authenticated.');
  return req.principal;
}

/** Lets the request through when the principal has any of the roles. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const principal = principalOf(req);
    if (hasRole(principal, ...roles)) return next();
    next(problems.forbidden(`This action needs one of the roles: ${roles.join(', ')}.`));
  };
}
