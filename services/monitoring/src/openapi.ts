import { join } from 'node:path';
import { loadOpenApiDocument } from '@sozialraum/kit';

/** The service's OpenAPI document: the HTTP layer validates requests against it, the jobs what they stored. */
export const openapi = loadOpenApiDocument(join(__dirname, '..', 'openapi.yaml'));
