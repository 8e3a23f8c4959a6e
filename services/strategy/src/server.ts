import { join } from 'node:path';
import { createHttpApp, type HttpApp, loadOpenApiDocument } from '@sozialraum/kit';
import type { StrategyDependencies } from './dependencies';
import { mountCyclesRoutes } from './http/cycles.routes';
import { mountNotificationsRoutes } from './http/notifications.routes';
import { mountTasksRoutes } from './http/tasks.routes';

export const openapi = loadOpenApiDocument(join(__dirname, '..', 'openapi.yaml'));

export function createServer(deps: StrategyDependencies): HttpApp {
  return createHttpApp({
    ...deps,
    name: 'strategy',
    openapi,
    bodyLimit: deps.config.BODY_LIMIT,
    validateResponses: deps.config.VALIDATE_RESPONSES,
    routes: (router) => {
      mountCyclesRoutes(router, deps);
      mountTasksRoutes(router, deps);
      mountNotificationsRoutes(router, deps);
    },
  });
}
