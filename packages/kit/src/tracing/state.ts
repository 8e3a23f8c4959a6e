import { type Span, type SpanContext, trace } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** What the Temporal plugin needs of a started tracer: workflow spans leave through the same processor. */
export interface ActiveTracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Sends what is still buffered and stops. */
  shutdown: () => Promise<void>;
}

let active: ActiveTracing | undefined;

export function setActiveTracing(tracing: ActiveTracing): void {
  active = tracing;
}

/** Undefined while tracing is off: callers then do nothing at all. */
export function activeTracing(): ActiveTracing | undefined {
  return active;
}

/** The IDs of the current span for a log line, so a line leads to its trace (and back). */
export function traceFields(): { trace_id: string; span_id: string } | undefined {
  if (!active) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

const requestSpans = new WeakMap<object, SpanContext>();

/** Remembers an incoming request's server span: its log line is written after the span's context is gone. */
export function rememberRequestSpan(request: object, span: Span): void {
  requestSpans.set(request, span.spanContext());
}

/** The trace of an incoming request, for its log line. */
export function requestTraceFields(request: object): { trace_id: string; span_id: string } | undefined {
  const context = active ? requestSpans.get(request) : undefined;
  return context && { trace_id: context.traceId, span_id: context.spanId };
}

/** Flushes the last spans before the process exits; nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  await active?.shutdown();
}
