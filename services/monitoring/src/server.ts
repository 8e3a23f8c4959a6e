import { createHttpApp, type HttpApp } from '@sozialraum/kit';
import type { MonitoringDependencies } from './dependencies';
import { openapi } from './openapi';
import { mountAlertsRoutes } from './http/alerts.routes';
import { mountExportRoutes } from './http/exports.routes';
import { mountImportRoutes } from './http/imports.routes';
import { mountIndicatorRoutes } from './http/indicators.routes';
import { mountLocateRoutes } from './http/locate.routes';
import { mountMethodsRoutes } from './http/methods.routes';
import { mountProfileRoutes } from './http/profile.routes';
import { mountSettingsRoutes } from './http/settings.routes';
import { mountSpacesRoutes } from './http/spaces.routes';
import { mountValuesRoutes } from './http/values.routes';


export function createServer(deps: MonitoringDependencies): HttpApp {
  return createHttpApp({
    ...deps,
    name: 'monitoring',
    openapi,
    bodyLimit: deps.config.BODY_LIMIT,
    uploadLimit: deps.config.UPLOAD_LIMIT,
    jsonUploadLimit: deps.config.UPLOAD_IN_MEMORY_LIMIT,
    uploadDirectory: deps.config.UPLOAD_DIR,
    validateResponses: deps.config.VALIDATE_RESPONSES,
    routes: (router) => {
      mountLocateRoutes(router, deps);
      mountImportRoutes(router, deps);
      mountSpacesRoutes(router, deps);
      mountIndicatorRoutes(router, deps);
      mountValuesRoutes(router, deps);
      mountExportRoutes(router, deps);
      mountMethodsRoutes(router, deps);
      mountProfileRoutes(router, deps);
      mountAlertsRoutes(router, deps);
      mountSettingsRoutes(router, deps);
    },
  });
}
