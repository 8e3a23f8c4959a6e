import { join } from 'node:path';
import { createHttpApp, type HttpApp, loadOpenApiDocument } from '@sozialraum/kit';
import type { MeasuresDependencies } from './dependencies';
import { mountMeasuresRoutes } from './http/measures.routes';
import { mountOffersRoutes } from './http/offers.routes';
import { mountOverviewRoutes } from './http/overview.routes';

export const openapi = loadOpenApiDocument(join(__dirname, '..', 'openapi.yaml'));

export function createServer(deps: MeasuresDependencies): HttpApp {
  return createHttpApp({
    ...deps,
    name: 'measures',
    openapi,
    bodyLimit: deps.config.BODY_LIMIT,
    validateResponses: deps.config.VALIDATE_RESPONSES,
    routes: (router) => {
      mountMeasuresRoutes(router, deps);
      mountOverviewRoutes(router, deps);
      mountOffersRoutes(router, deps);
    },
  });
}
