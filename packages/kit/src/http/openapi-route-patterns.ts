import { dirname } from 'node:path';

type PathToRegexp = (path: unknown, options?: object) => unknown;

/** At most this many patterns are kept (the documents' routes are a few dozen; anything beyond is computed as before). */
const MAX_PATTERNS = 1_000;

let installed = false;

/**
 * express-openapi-validator (5.6.2) finds a request's operation by compiling every route's path pattern with
 * path-to-regexp, per request, until one matches: the later a route stands in its document, the more it pays
 * (the inbox 0.2 ms of CPU per request, `GET /v1/me` 0.08 ms, measured under `npm run bench -- inbox`).
 * A pattern compiled from the same route and options is always the same regular expression and keys, which the
 * validator only reads, so the compiled patterns are kept. This replaces the `pathToRegexp` export of the
 * path-to-regexp copy the validator itself loads (so it is the one it calls); should the validator stop
 * calling it per request, this only stops helping.
 */
export function keepOpenApiRoutePatterns(): void {
  if (installed) return;
  installed = true;
  const validator = require.resolve('express-openapi-validator');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the very module object the validator holds
  const pathToRegexpModule = require(require.resolve('path-to-regexp', { paths: [dirname(validator)] })) as { pathToRegexp: PathToRegexp };
  const compile = pathToRegexpModule.pathToRegexp;
  const patterns = new Map<string, unknown>();
  pathToRegexpModule.pathToRegexp = (path, options) => {
    if (typeof path !== 'string') return compile(path, options);
    const key = `${path}\u0000${JSON.stringify(options ?? {})}`;
    let pattern = patterns.get(key);
    if (pattern === undefined) {
      pattern = compile(path, options);
      if (patterns.size < MAX_PATTERNS) patterns.set(key, pattern);
    }
    return pattern;
  };
}
