import type { Request } from 'express';

/** The OpenAPI path (`/v1/measures/{id}`) the validator matched, also for requests it refused. */
export const routeTemplate = (req: Request): string => {
  const openApiRoute = (req as Request & { openapi?: { openApiRoute?: unknown } }).openapi?.openApiRoute;
  if (typeof openApiRoute === 'string') return openApiRoute;
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : 'unmatched';
};
