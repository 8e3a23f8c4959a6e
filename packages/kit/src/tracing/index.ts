import { z } from 'zod';
import type * as Sdk from './sdk';
import { tracesExporter, tracingConfig } from './config';
import { activeTracing, setActiveTracing } from './state';

export { tracingConfig, type TracingConfig } from './config';

/**
 * Starts OpenTelemetry tracing when OTEL_TRACES_EXPORTER asks for it; otherwise does nothing, and nothing of
 * the SDK is loaded. Must run before the modules it instruments are loaded (http, pg, ioredis): each
 * process's entry point imports its `tracing.ts` first. A bad variable leaves tracing off here; the
 * process's config check then names it and stops the process.
 */
export function startTracing(serviceName: string, environment: NodeJS.ProcessEnv = process.env): boolean {
  if (activeTracing()) return true;
  const parsed = z.object(tracingConfig).safeParse(environment);
  const exporter = parsed.success ? tracesExporter(parsed.data) : undefined;
  if (!exporter) return false;
  // Loaded only here: with tracing off, the processes never load the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./sdk') as typeof Sdk;
  setActiveTracing(startSdk(serviceName, exporter));
  return true;
}
