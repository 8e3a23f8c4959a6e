import { dirname } from 'node:path';
import { keepOpenApiRoutePatterns } from '../src/http/openapi-route-patterns';

// The copy of path-to-regexp that express-openapi-validator calls per request to find a request's operation.
const validatorsPathToRegexp = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(require.resolve('path-to-regexp', { paths: [dirname(require.resolve('express-openapi-validator'))] })) as { pathToRegexp: (path: string, options?: object) => { regexp: RegExp } })
    .pathToRegexp;

describe('route patterns of the OpenAPI validator', () => {
  test('when the same route is compiled again, then the kept pattern is returned, and it still matches as compiled', () => {
    keepOpenApiRoutePatterns();
    const compile = validatorsPathToRegexp();
    const first = compile('/v1/tasks/:id', { sensitive: false, strict: false });
    expect(compile('/v1/tasks/:id', { sensitive: false, strict: false })).toBe(first);
    expect(compile('/v1/tasks/:id', { sensitive: true, strict: false })).not.toBe(first);
    expect(first.regexp.exec('/v1/tasks/abc')?.[1]).toBe('abc');
    expect(first.regexp.exec('/v1/tasks/abc')?.[1]).toBe('abc'); // no state kept between matches
    expect(first.regexp.exec('/v1/me')).toBeNull();
  });
});
