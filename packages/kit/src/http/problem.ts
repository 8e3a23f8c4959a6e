import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, type FieldError } from '../errors';
import { currentRequestId } from '../logger';
import { databaseInputError } from './database-errors';
import { DEFAULT_RETRY_AFTER_SECONDS, dependencyOutage } from '../outage';

/** Sends an RFC 9457 problem document. */
export function sendProblem(req: Request, res: Response, error: AppError): void {
  if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="sozialraum", error="invalid_token"');
  if (error.status === 503 || error.status === 429) res.setHeader('Retry-After', String(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS));
  res
    .status(error.status)
    .type('application/problem+json')
    .json({
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.detail,
      instance: req.originalUrl,
      requestId: currentRequestId(),
      ...(error.errors ? { errors: error.errors } : {}),
      ...error.extensions,
    });
}

interface ValidatorError {
  status: number;
  message: string;
  errors?: Array<{ path?: string; message?: string }>;
  headers?: Record<string, string>;
}

const isValidatorError = (e: unknown): e is ValidatorError =>
  typeof e === 'object' && e !== null && 'status' in e && typeof (e as { status: unknown }).status === 'number';

const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
};

/** The validator reports `/body/name` or `.body.name`; problem documents use JSON pointers. */
const toPointer = (path: string) => (path.startsWith('/') ? path : `/${path.replace(/^\./, '').replace(/\./g, '/')}`);

/** Maps what express, body-parser and the OpenAPI validator throw onto the one AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // A dependency that is away or too slow: 503 with Retry-After, not a 500.
  const outage = dependencyOutage(error);
  if (outage) return outage;
  if (isValidatorError(error) && error.status >= 400 && error.status < 500) {
    const status = error.status;
    const fieldErrors: FieldError[] | undefined = error.errors?.map((e) => ({
      pointer: toPointer(e.path ?? ''),
      detail: e.message ?? 'is invalid',
    }));
    const detail =
      status === 400 && fieldErrors?.length
        ? `The request is invalid: ${fieldErrors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}.`
        : status === 404
          ? 'There is no such resource.'
          : error.message;
    return new AppError({ status, title: titles[status] ?? 'Bad Request', detail, errors: fieldErrors, cause: error });
  }
  const refusedByDatabase = databaseInputError(error);
  if (refusedByDatabase) return refusedByDatabase;
  return new AppError({
    status: 500,
    title: 'Internal Server Error',
    detail: 'Something went wrong on our side. The error has been logged with this request ID.',
    cause: error,
  });
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toAppError(error);
    if (problem.status >= 500) logger.error({ err: problem.cause ?? problem }, problem.detail);
    // Input the database refused: the caller's problem, but a sign that validation let it through.
    else if (problem.extensions?.sqlState) logger.warn({ err: problem.cause }, `database refused the input: ${problem.detail}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(req, res, problem);
  };
}
