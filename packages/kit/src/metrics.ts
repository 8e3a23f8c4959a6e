import type { Express, RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { routeTemplate } from './http/route';

/** Metrics are served to Prometheus only: the Kubernetes Ingress routes /v1 alone (infra/k8s). */
export const METRICS_PATH = '/metrics';

/** A process's registry: Node's own metrics (event loop lag, heap, GC, handles), labelled with the service. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Serves the registry; `more` adds metrics in text format from elsewhere (the Temporal SDK's core). */
export function mountMetrics(app: Express, registry: Registry, more?: () => Promise<string>): void {
  app.get(METRICS_PATH, async (_req, res) => {
    const [own, other] = await Promise.all([registry.metrics(), more ? more().catch(() => '') : '']);
    res.type(registry.contentType).send(other ? `${own}\n${other}` : own);
  });
}

/**
 * Request durations by method, route template and status. The template (`/v1/measures/{id}`), never the
 * path, so that IDs do not multiply the series; requests no route matched count as `unmatched`.
 */
export function httpRequestMetrics(registry: Registry): RequestHandler {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    if (req.path === METRICS_PATH || req.path.startsWith('/health/')) return next();
    const end = histogram.startTimer();
    res.on('finish', () => end({ method: req.method, route: routeTemplate(req), status: String(res.statusCode) }));
    next();
  };
}

/** Job counts of BullMQ queues by state, read when Prometheus scrapes: a growing backlog shows at once. */
export function queueMetrics(registry: Registry, queues: { name: string; getJobCounts(...states: string[]): Promise<Record<string, number>> }[]): void {
  const states = ['waiting', 'active', 'delayed', 'failed'];
  new Gauge({
    name: 'queue_jobs',
    help: 'BullMQ jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...states);
        for (const state of states) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
}
