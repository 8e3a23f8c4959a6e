import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { activeTracing, traceFields } from './tracing/state';

export type { Logger } from 'pino';

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a request ID that every log line and outgoing call inside it carries. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

export function newRequestId(): string {
  return randomUUID();
}

/**
 * Where log lines go: JSON lines on stdout (production, collected by the cluster), or with LOG_FORMAT=pretty
 * one readable, coloured line each (npm start sets it when its output is a terminal). Written synchronously,
 * so the last line before an exit is never lost.
 */
function defaultDestination(): pino.DestinationStream | undefined {
  if (process.env.LOG_FORMAT !== 'pretty') return undefined;
  // A request's line reads "GET /v1/tasks 200 · 12 ms"; its fields stay in the JSON form only.
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,name,requestId,method,route,status,durationMs,trace_id,span_id',
    // With tracing on, a line logged within a trace ends with its ID, to look up in the trace view.
    messageFormat: '{msg}{if durationMs} · {durationMs} ms{end}{if trace_id} · trace {trace_id}{end}',
  });
}

/**
 * A JSON logger; the `mixin` adds the current request ID to every line logged inside a request, and with
 * tracing on the current trace_id and span_id (so logs and traces lead to each other).
 */
export function createLogger(options: { name: string; level?: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
    name: options.name,
    level: options.level ?? 'info',
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // A child logger bound to the request (pino-http's req.log) has the ID already: never twice on one line.
    mixin: (_line, _level, logger) => {
      const requestId = currentRequestId();
      const fields = requestId && !('requestId' in logger.bindings()) ? { requestId } : {};
      return activeTracing() ? { ...fields, ...traceFields() } : fields;
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    options.destination ?? defaultDestination(),
  );
}
