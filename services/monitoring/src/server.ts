import { join } from 'node:path';
import { createHttpApp, type HttpApp, loadOpenApiDocument } from '@sozialraum/kit';
import type { MonitoringDependencies } from './dependencies';

export const openapi = loadOpenApiDocument(join(__dirname, '..', 'openapi.yaml'));

export function createServer(deps: MonitoringDependencies): HttpApp {
  return createHttpApp({ ...deps, name: 'monitoring', openapi, bodyLimit: deps.config.BODY_LIMIT, routes: () => undefined });
}
