import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, currentRequestId, type Logger, mountHealth, REQUEST_ID_HEADER, requestId, requestLogging, sendProblem } from '@sozialraum/kit';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { WebConfig } from './config';
import { serviceFor, type ServiceName } from './routes';

export interface WebServer extends Express {
  startDraining(): void;
}

/** What the browser needs to log in; served at /config.json so one image runs in every environment. */
export function clientConfig(config: WebConfig) {
  return { authority: `${config.KEYCLOAK_URL.replace(/\/$/, '')}/realms/${config.KEYCLOAK_REALM}`, clientId: config.OIDC_CLIENT_ID };
}

/** A strict policy: only our own scripts and styles; the API on our origin; Keycloak for login and token renewal. */
function contentSecurityPolicy(keycloakOrigin: string) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", keycloakOrigin],
      frameSrc: [keycloakOrigin],
      // MapLibre and ECharts render in workers created from blobs.
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'", keycloakOrigin],
      frameAncestors: ["'none'"],
    },
  };
}

const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function createWebServer(config: WebConfig, logger: Logger): WebServer {
  const app = express() as WebServer;
  let draining = false;
  app.startDraining = () => {
    draining = true;
  };
  const staticDir = config.STATIC_DIR ?? join(__dirname, '..', 'client');
  const indexFile = join(staticDir, 'index.html');
  const indexHtml = existsSync(indexFile) ? readFileSync(indexFile) : undefined;
  const targets: Record<ServiceName, string> = { monitoring: config.MONITORING_URL, strategy: config.STRATEGY_URL, measures: config.MEASURES_URL };

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(
    helmet({
      contentSecurityPolicy: contentSecurityPolicy(new URL(config.KEYCLOAK_URL).origin),
      // Keycloak's login page is another origin; it must see where the user came from to send them back.
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.use(requestId);
  app.use(requestLogging(logger, (url) => url.startsWith('/health/') || url.startsWith('/assets/')));
  app.use((_req, res, next) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });

  mountHealth(app, [{ name: 'app', check: async () => { if (!indexHtml) throw new Error(`${indexFile} is missing: build the app first`); } }], () => draining);

  app.get('/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(clientConfig(config));
  });

  app.use(
    createProxyMiddleware<Request, Response>({
      pathFilter: (path) => serviceFor(path) !== undefined,
      router: (req) => targets[serviceFor(req.path) as ServiceName],
      xfwd: true,
      proxyTimeout: config.PROXY_TIMEOUT_MS,
      timeout: config.PROXY_TIMEOUT_MS,
      on: {
        proxyReq: (proxyReq: ClientRequest) => {
          proxyReq.setHeader(REQUEST_ID_HEADER, currentRequestId() ?? '');
        },
        error: (error: Error & { code?: string }, req: IncomingMessage, res: ServerResponse | unknown) => {
          const response = res as Response;
          if (!('headersSent' in response) || response.headersSent) return;
          const service = serviceFor((req as Request).path ?? '') ?? 'upstream';
          const timedOut = error.code === 'ECONNRESET' || error.code === 'ETIMEDOUT';
          logger.warn({ err: error, service }, 'upstream call failed');
          sendProblem(req as Request, response, new AppError({
            status: timedOut ? 504 : 502,
            title: timedOut ? 'Gateway Timeout' : 'Bad Gateway',
            detail: timedOut ? `The ${service} service did not answer in time.` : `The ${service} service is not reachable.`,
            extensions: { service },
          }));
        },
      },
    }),
  );
  app.use('/v1', (req, res) => sendProblem(req, res, new AppError({ status: 404, title: 'Not Found', detail: 'There is no such resource.' })));

  app.use(
    express.static(staticDir, {
      index: false,
      setHeaders: (res, path) => {
        const name = path.slice(staticDir.length);
        // Hashed names change with their content: cache them for a year; everything else revalidates.
        res.setHeader('Cache-Control', HASHED_ASSET.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  // Every other GET is a page of the app: the router in the browser renders it.
  app.get('/{*page}', (req, res, next) => {
    if (!indexHtml || req.path.startsWith('/assets/') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(indexHtml);
  });
  app.use((req: Request, res: Response) => sendProblem(req, res, new AppError({ status: 404, title: 'Not Found', detail: 'There is no such page.' })));
  return app;
}
