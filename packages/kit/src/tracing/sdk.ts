import type { IncomingMessage } from 'node:http';
import { Resource, envDetectorSync } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import type { Request } from 'express';
import { routeTemplate } from '../http/route';
import { type ActiveTracing, rememberRequestSpan } from './state';

/** Probes and scrapes come every few seconds: they would bury the requests people make. */
const unobserved = (req: IncomingMessage) => /^\/(health\/|metrics(\?|$))/.test(req.url ?? '');

/**
 * The SDK with what our processes do: HTTP in and out (node:http, fetch), PostgreSQL and Redis. Database
 * and Redis commands, and outgoing calls, are recorded only inside a trace: relays, pollers and BullMQ's
 * blocking reads would otherwise each start a trace of their own every second.
 * The sampler (OTEL_TRACES_SAMPLER, default: follow the caller, else sample all), the batch processor
 * (OTEL_BSP_*) and the exporters (OTEL_EXPORTER_*) read their standard variables themselves.
 */
export function startSdk(serviceName: string, exporterName: 'otlp' | 'zipkin'): ActiveTracing {
  const resource = Resource.default().merge(new Resource({ 'service.name': serviceName })).merge(envDetectorSync.detect());
  const exporter: SpanExporter = exporterName === 'otlp' ? new OTLPTraceExporter() : new ZipkinExporter();
  const spanProcessor = new BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: unobserved,
        requireParentforOutgoingSpans: true,
        // Incoming requests only (an outgoing ClientRequest has setHeader).
        requestHook: (span, request) => {
          if (!('setHeader' in request)) rememberRequestSpan(request, span);
        },
        // The server span is named by its OpenAPI route (`GET /v1/tasks/{id}`), as the request log and metrics are.
        applyCustomAttributesOnSpan: (span, request) => {
          const route = routeTemplate(request as Request); // 'unmatched' for outgoing calls and unknown paths
          if (route === 'unmatched') return;
          span.setAttribute('http.route', route);
          span.updateName(`${(request as Request).method} ${route}`);
        },
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  return { resource, spanProcessor, shutdown: () => provider.shutdown() };
}
