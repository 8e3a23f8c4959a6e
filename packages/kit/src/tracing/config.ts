import { z } from 'zod';

const httpUrl = z.string().url().regex(/^https?:\/\//, 'must be an http:// or https:// URL');

const keyValueList = z
  .string()
  .max(2_000)
  .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'a list of key=value pairs separated by commas');

/**
 * OpenTelemetry's standard variables for traces, as every process reads them (the SDK reads them itself;
 * here they are checked, so a typo stops the process at start instead of losing its traces silently).
 * Tracing is off unless OTEL_TRACES_EXPORTER names an exporter: `otlp` (OTLP/HTTP with protobuf, to the
 * city's collector) or `zipkin` (the local trace view of `TRACING=on npm start`).
 */
export const tracingConfig = {
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp', 'zipkin']).optional(),
  /** `true` turns tracing off whatever else is set (the standard kill switch). */
  OTEL_SDK_DISABLED: z.enum(['true', 'false', 'TRUE', 'FALSE']).optional(),
  /** The name spans carry; defaults to the process's own (monitoring, strategy, measures, worker). */
  OTEL_SERVICE_NAME: z.string().min(1).max(200).optional(),
  OTEL_RESOURCE_ATTRIBUTES: keyValueList.optional(),
  /** The collector's base URL; spans go to `<endpoint>/v1/traces` (default http://localhost:4318). */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  /** The full URL for traces, when it is not `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.literal('http/protobuf', { errorMap: () => ({ message: 'only http/protobuf is supported' }) }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.literal('http/protobuf', { errorMap: () => ({ message: 'only http/protobuf is supported' }) }).optional(),
  /** e.g. an API key of the collector: `authorization=Bearer …` (from a Secret). */
  OTEL_EXPORTER_OTLP_HEADERS: keyValueList.optional(),
  OTEL_EXPORTER_ZIPKIN_ENDPOINT: httpUrl.optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
    .optional(),
  /** The ratio of the `…traceidratio` samplers, 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
};

export type TracingConfig = z.infer<z.ZodObject<typeof tracingConfig>>;

/** The exporter to use, or undefined when tracing is off. */
export function tracesExporter(config: TracingConfig): 'otlp' | 'zipkin' | undefined {
  if (config.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return undefined;
  return config.OTEL_TRACES_EXPORTER === 'none' ? undefined : config.OTEL_TRACES_EXPORTER;
}
