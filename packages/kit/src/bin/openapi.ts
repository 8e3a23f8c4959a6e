// Writes a service's complete OpenAPI document (its own paths plus the platform's common ones) as JSON,
// for openapi-typescript: `node <kit>/dist/bin/openapi.js openapi.yaml src/generated/openapi.json`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadOpenApiDocument } from '../http/openapi';

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  process.stderr.write('usage: openapi.js <service openapi.yaml> <output .json>\n');
  process.exit(2);
}
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, JSON.stringify(loadOpenApiDocument(source), null, 2));
