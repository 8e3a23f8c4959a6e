import { join } from 'node:path';
import { createHttpApp, type HttpApp, loadOpenApiDocument } from '@sozialraum/kit';
import type { MeasuresDependencies } from './dependencies';

export const openapi = loadOpenApiDocument(join(__dirname, '..', 'openapi.yaml'));

export function createServer(deps: MeasuresDependencies): HttpApp {
  return createHttpApp({ ...deps, name: 'measures', openapi, bodyLimit: deps.config.BODY_LIMIT, routes: () => undefined });
}
