import { join } from 'node:path';
import { createHttpApp, type HttpApp, loadOpenApiDocument } from '@sozialraum/kit';
import type { MonitoringDependencies } from './dependencies';
import { mountImportRoutes } from './http/imports.routes';
import { mountLocateRoutes } from './http/locate.routes';
import { mountMethodsRoutes } from './http/methods.routes';
import { mountSettingsRoutes } from './http/settings.routes';
import { mountSpacesRoutes } from './http/spaces.routes';
import { mountValuesRoutes } from './http/values.routes';

export const openapi = loadOpenApiDocument(join(__dirname, '..', 'openapi.yaml'));

export function createServer(deps: MonitoringDependencies): HttpApp {
  return createHttpApp({
    ...deps,
    name: 'monitoring',
    openapi,
    bodyLimit: deps.config.BODY_LIMIT,
    uploadLimit: deps.config.UPLOAD_LIMIT,
    validateResponses: deps.config.VALIDATE_RESPONSES,
    routes: (router) => {
      mountLocateRoutes(router, deps);
      mountImportRoutes(router, deps);
      mountSpacesRoutes(router, deps);
      mountValuesRoutes(router, deps);
      mountMethodsRoutes(router, deps);
      mountSettingsRoutes(router, deps);
    },
  });
}
