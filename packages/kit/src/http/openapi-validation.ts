import { type RequestHandler, Router } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { OpenApiDocument } from './openapi';

type ValidatorOptions = Omit<Parameters<typeof OpenApiValidator.middleware>[0], 'apiSpec'>;

/** Paths per validator: each costs 50–100 ms of CPU to load, once; a path costs a few µs per path before it in its validator, per request. */
const PATHS_PER_VALIDATOR = 4;

/**
 * express-openapi-validator (5.6.2) finds a request's operation by compiling every route's path pattern, per
 * request, until one matches: the later a path stands in its (sorted) document, the more it pays — the inbox
 * 0.20 ms of CPU per request against 0.08 for `GET /v1/me` (docs/performance.md). So the document's paths, in
 * the validator's own order, are split among validators of a few paths each (through its public options), and a
 * request goes to the one that holds its path: a static path by lookup, a templated one by a pattern compiled
 * once, tried in that same order (static segments before parameters), so it is the operation the validator of the
 * whole document would find; each validator is made when a request first needs it. A request no path fits goes
 * to the validator of the whole document, which answers as it always did (404). Paths are matched as the validator does with express's
 * defaults: case-insensitive, an optional trailing slash, the undecoded URL.
 */
export function openApiValidation(document: OpenApiDocument, options: ValidatorOptions): RequestHandler {
  const validator = (apiSpec: OpenApiDocument) => handlerOf(OpenApiValidator.middleware({ ...options, apiSpec: apiSpec as never }));
  /** A validator made when a request first needs it. */
  const lazy = (apiSpec: () => OpenApiDocument): RequestHandler => {
    let handler: RequestHandler | undefined;
    return (req, res, next) => (handler ??= validator(apiSpec()))(req, res, next);
  };
  const whole = lazy(() => document);
  const byPath = new Map<string, RequestHandler>();
  const templated: Array<{ pattern: RegExp; handler: RequestHandler }> = [];
  const paths = Object.keys(document.paths).sort(validatorOrder);
  for (let start = 0; start < paths.length; start += PATHS_PER_VALIDATOR) {
    const some = paths.slice(start, start + PATHS_PER_VALIDATOR);
    const handler = lazy(() => partOf(document, some));
    for (const path of some) {
      if (path.includes('{')) templated.push({ pattern: patternOf(path), handler });
      else byPath.set(path.toLowerCase(), handler);
    }
  }
  return (req, res, next) => {
    const url = req.originalUrl;
    const query = url.indexOf('?');
    let path = query < 0 ? url : url.slice(0, query);
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const handler = byPath.get(path.toLowerCase()) ?? templated.find(({ pattern }) => pattern.test(path))?.handler ?? whole;
    handler(req, res, next);
  };
}

/**
 * The document with only `paths` and the components they refer to (directly or through other components): each
 * validator loads and dereferences what it uses.
 */
function partOf(document: OpenApiDocument, paths: string[]): OpenApiDocument {
  const components: Record<string, Record<string, unknown>> = { securitySchemes: document.components?.securitySchemes ?? {} };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const ref = (value as { $ref?: unknown }).$ref;
      const [, section, name] = typeof ref === 'string' ? (/^#\/components\/([^/]+)\/([^/]+)$/.exec(ref) ?? []) : [];
      if (section && name && !components[section]?.[name]) {
        const component = document.components?.[section]?.[name];
        (components[section] ??= {})[name] = component;
        visit(component);
      }
      Object.values(value).forEach(visit);
    }
  };
  const part = Object.fromEntries(paths.map((path) => [path, document.paths[path]]));
  visit(part);
  return { ...document, paths: part, components };
}

/** The validator's middlewares in a router of their own: one handler. */
function handlerOf(middlewares: RequestHandler[]): RequestHandler {
  const router = Router();
  router.use(middlewares);
  return router;
}

/** `/v1/tasks/{id}` → a pattern for its express route `/v1/tasks/:id`, as path-to-regexp compiles it: a parameter is one segment or part of one. */
function patternOf(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/** express-openapi-validator's order of routes (its spec loader's sortRoutes), on the express form of the paths. */
function validatorOrder(a: string, b: string): number {
  const key = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1').replace(/\/:/g, '/~');
  const [ka, kb] = [key(a), key(b)];
  if (ka.startsWith(kb)) return -1;
  if (kb.startsWith(ka)) return 1;
  return ka > kb ? 1 : -1;
}
