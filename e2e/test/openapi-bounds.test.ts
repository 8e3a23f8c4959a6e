import { join } from 'node:path';
import { loadOpenApiDocument } from '@sozialraum/kit';
import { unboundedInputs } from '@sozialraum/kit/testing';

const root = join(__dirname, '..', '..');

describe('what the services accept', () => {
  // Validation, not PostgreSQL, must refuse what cannot be stored: every string has a length, every number a
  // range, every list a count (docs/robustness.md).
  test.each(['monitoring', 'strategy', 'measures'])('when %s’s OpenAPI document is read, then every input in it is bounded', (service) => {
    expect(unboundedInputs(loadOpenApiDocument(join(root, 'services', service, 'openapi.yaml')))).toEqual([]);
  });
});
