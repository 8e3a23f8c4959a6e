import type { Server } from 'node:http';
import express, { type Express, type Request, type RequestHandler, type Router } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Queue } from 'bullmq';
import { authenticate, principalOf, requireRole } from '../auth/middleware';
import { Roles } from '../auth/principal';
import type { TokenVerifier } from '../auth/verifier';
import { AppError, problems } from '../errors';
import { dependencyMetrics, essentialChecks, type HealthCheck, runHealthChecks } from '../health';
import { createMetricsRegistry, httpRequestMetrics, METRICS_PATH, mountMetrics } from '../metrics';
import { createHttpServer } from './client-errors';
import { ADMIN_PAGES_PATH, adminPages } from './admin-pages';
import { requestLogging } from './request-log';
import { inputGuard } from './input-guard';
import { multipartUploads } from './multipart';
import { type OpenApiDocument, uploadOperations } from './openapi';
import { openApiValidation } from './openapi-validation';
import { problemHandler, sendProblem } from './problem';
import { expensiveRequestLimit } from './rate-limit';
import { requestId } from './request-id';
import { asSent, sendKeptAnswers } from './serialized';

export interface HttpAppOptions {
  name: string;
  version?: string;
  logger: Logger;
  openapi: OpenApiDocument;
  verifier: TokenVerifier;
  /** The real dependencies of this process: /health/ready checks the essential ones, /v1/admin/status and `dependency_up` all. */
  health: HealthCheck[];
  /** Where the service registered its own metrics; /metrics serves it with the HTTP and process metrics. */
  metrics?: Registry;
  /** Largest JSON body (default 1mb); operations marked `x-upload: true` in the document take `uploadLimit`. */
  bodyLimit?: string;
  /** Largest file of a multipart upload (spooled to disk, never held in memory). */
  uploadLimit?: string;
  /** Largest JSON body of an upload operation (a file base64-encoded in JSON is parsed in memory); default uploadLimit. */
  jsonUploadLimit?: string;
  /** Where multipart uploads are spooled while their request runs (default: the OS's temporary directory). */
  uploadDirectory?: string;
  /** Checks every JSON response against the document (tests): a mismatch becomes a 500 that says where. */
  validateResponses?: boolean;
  /** The service's config (services pass their dependencies, which carry it): the expensive-request budget. */
  config?: { EXPENSIVE_REQUESTS_PER_MINUTE?: number };
  /** BullMQ queues of the service, shown to admins on the queue board at /admin/queues. */
  queues?: Queue[];
  /** Mounts the service's own routes; they run after authentication and request validation. */
  routes: (router: Router) => void;
}

export interface HttpApp extends Express {
  /** Marks the app as shutting down: readiness fails and new responses close their connection. */
  startDraining(): void;
}

const publicPaths = ['/health/live', '/health/ready', '/openapi.json', METRICS_PATH];

/**
 * /health/live answers while the process runs; /health/ready while it can serve: its essential dependencies
 * (its own database) answer and it is not shutting down. Redis, Temporal or Keycloak being away does not take
 * a replica out of the load balancer: what does not need them still works.
 */
export function mountHealth(app: Express, checks: HealthCheck[], isDraining: () => boolean = () => false): void {
  const essential = essentialChecks(checks);
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (req, res) => {
    const report = isDraining() ? { ok: false, checks: { process: 'shutting down' } } : await runHealthChecks(essential);
    if (report.ok) {
      res.json({ status: 'ok', checks: report.checks });
      return;
    }
    sendProblem(req, res, new AppError({ status: 503, title: 'Service Unavailable', detail: 'Not ready.', extensions: { checks: report.checks } }));
  });
}

/** The shared HTTP stack: security headers, request IDs, JSON logs, metrics, auth, OpenAPI validation, problem+json. */
export function createHttpApp(options: HttpAppOptions): HttpApp {
  const app = express() as HttpApp;
  const started = Date.now();
  let draining = false;
  app.startDraining = () => {
    draining = true;
  };

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(helmet());
  app.use(compression());
  // Before the response validator, so kept answers are validated first and then sent from their bytes.
  app.use(sendKeptAnswers);
  app.use(requestId);
  const metrics = options.metrics ?? createMetricsRegistry(options.name);
  app.use(httpRequestMetrics(metrics));
  dependencyMetrics(metrics, options.health);
  app.use(requestLogging(options.logger, (url) => url.startsWith('/health/')));
  app.use((_req, res, next) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });

  mountHealth(app, options.health, () => draining);
  mountMetrics(app, metrics);
  app.get('/openapi.json', (_req, res) => {
    res.json(options.openapi);
  });

  app.use((req, res, next) => (publicPaths.includes(req.path) ? next() : authenticate(options.verifier)(req, res, next)));
  // Admin pages are HTML for people, not part of the API: before the OpenAPI validator, after authentication.
  app.use(ADMIN_PAGES_PATH, adminPages({ name: options.name, queues: options.queues }));
  const isUpload = uploadMatcher(options.openapi);
  app.use(jsonBodies(options, isUpload));
  app.use(
    multipartUploads(isUpload, {
      fileSize: sizeInBytes(options.uploadLimit ?? options.bodyLimit ?? '1mb'),
      fieldSize: sizeInBytes(options.bodyLimit ?? '1mb'),
      directory: options.uploadDirectory,
    }),
  );
  app.use(inputGuard);
  app.use(
    openApiValidation(options.openapi, {
      validateRequests: { allowUnknownQueryParameters: false, coerceTypes: true, allErrors: true },
      validateResponses: options.validateResponses ? { onError: responseMismatch } : false,
      validateSecurity: false,
      // multipart is read before (multipartUploads), with limits and only on upload operations
      fileUploader: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
      ignoreUndocumented: false,
      $refParser: { mode: 'dereference' },
    }),
  );
  if (options.validateResponses) app.use(validateAsSent);

  app.use(expensiveRequestLimit(options.config?.EXPENSIVE_REQUESTS_PER_MINUTE ?? 0));

  app.get('/v1/me', (req, res) => {
    res.json(principalOf(req));
  });
  app.get('/v1/admin/status', requireRole(Roles.admin), async (_req, res) => {
    const report = await runHealthChecks(options.health);
    res.json({
      service: options.name,
      version: options.version ?? '0.0.0',
      uptimeSeconds: (Date.now() - started) / 1000,
      ready: !draining && report.dependencies.every((d) => d.up || !d.essential),
      checks: report.checks,
      dependencies: report.dependencies,
    });
  });

  const router = express.Router();
  options.routes(router);
  app.use(router);

  app.use((_req, _res, next) => next(problems.notFound('There is no such resource.')));
  app.use(problemHandler(options.logger));
  // Listening goes through the kit's server, so Node's own refusals (431, 400) carry problem+json too.
  app.listen = ((...args: Parameters<Server['listen']>) => createHttpServer(app).listen(...args)) as HttpApp['listen'];
  return app;
}

const jsonTypes = ['application/json', 'application/*+json'];

/** One JSON parser for most routes and a larger one only where files come in (`x-upload` operations). */
function jsonBodies(options: HttpAppOptions, isUpload: (req: Request) => boolean): RequestHandler {
  const small = express.json({ limit: options.bodyLimit ?? '1mb', type: jsonTypes });
  const limit = options.jsonUploadLimit ?? options.uploadLimit;
  if (!limit) return small;
  const large = express.json({ limit, type: jsonTypes });
  return (req, res, next) => (isUpload(req) ? large : small)(req, res, next);
}

function uploadMatcher(document: OpenApiDocument): (req: Request) => boolean {
  const uploads = uploadOperations(document);
  return (req) => uploads.some((u) => u.method === req.method && u.path.test(req.path));
}

/** '30mb', '1mb', '512kb' or a number of bytes, as body-parser reads its `limit`. */
export function sizeInBytes(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!match) throw new Error(`not a size: "${limit}"`);
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(match[1]) * factor);
}

/** The validator sees a response as it goes over the wire (dates as strings), not as the route built it. */
const validateAsSent: RequestHandler = (_req, res, next) => {
  const send = res.json.bind(res);
  res.json = (body?: unknown) => send(asSent(body));
  next();
};

/** Throws from the validator's response hook, so the request ends in a 500 that names the mismatch. */
function responseMismatch(error: Error, _body: unknown, req: Request): never {
  throw new AppError({
    status: 500,
    title: 'Response does not match the OpenAPI document',
    detail: `${req.method} ${req.originalUrl}: ${error.message}`,
    cause: error,
  });
}
