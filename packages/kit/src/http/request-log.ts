import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { pinoHttp } from 'pino-http';
import { currentRequestId, type Logger } from '../logger';
import { requestTraceFields } from '../tracing/state';
import { routeTemplate } from './route';

/**
 * One line per request when it ends: method, route template (`/v1/measures/{id}`; the path where no route
 * matched), status, duration in ms and the request ID — never headers, bodies or query strings, which may
 * carry tokens and personal data. 5xx log as error, 4xx as warn.
 */
export function requestLogging(logger: Logger, ignore: (url: string) => boolean) {
  return pinoHttp({
    logger,
    genReqId: (req) => currentRequestId() ?? String(req.id),
    // req.log carries the request ID alone (the logger's mixin leaves it out there, see logger.ts).
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // pino-http would add the whole request (headers, query) and response: the line below says what matters.
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Flat fields instead of pino-http's req and res objects; the route template is known only at the end.
    customSuccessObject: (req, res, line: { durationMs?: number }) => requestLine(req, res, line),
    customErrorObject: (req, res, _error, line: { durationMs?: number }) => requestLine(req, res, line),
    customSuccessMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    autoLogging: { ignore: (req) => ignore(req.url ?? '') },
  });
}

const requestLine = (req: IncomingMessage, res: ServerResponse, line: { durationMs?: number }) => ({
  method: req.method,
  route: routeOf(req),
  status: res.statusCode,
  durationMs: line.durationMs,
  ...requestTraceFields(req),
});

const routeOf = (req: IncomingMessage): string => {
  const route = routeTemplate(req as Request);
  return route === 'unmatched' ? ((req as Request).path ?? (req.url ?? '').split('?')[0]!) : route;
};
