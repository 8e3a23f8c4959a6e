import type { ErrorRequestHandler } from 'express';
import { DirectoryUnavailableError } from '../data/directory';

/** A 503 because Keycloak was slow says when to try again; the platform's problem handler writes the rest. */
export const retryAfter: ErrorRequestHandler = (error, _req, res, next) => {
  if (error instanceof DirectoryUnavailableError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  next(error);
};
