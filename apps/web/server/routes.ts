/**
 * Which service owns which API path: the one table the web server forwards by, the Vite dev server proxies by,
 * and the Kubernetes Ingress routes by (e2e/test/kubernetes.test.ts keeps infra/k8s in step with it).
 * Prefixes match whole path segments: `/v1/map` serves `/v1/map` and `/v1/map/…`, never `/v1/maps`.
 */
export type ServiceName = 'monitoring' | 'strategy' | 'measures';

export const API_ROUTES: ReadonlyArray<{ prefix: string; service: ServiceName }> = [
  { prefix: '/v1/spaces', service: 'monitoring' },
  { prefix: '/v1/map', service: 'monitoring' },
  { prefix: '/v1/indicators', service: 'monitoring' },
  { prefix: '/v1/releases', service: 'monitoring' },
  { prefix: '/v1/imports', service: 'monitoring' },
  { prefix: '/v1/methods', service: 'monitoring' },
  { prefix: '/v1/jobs', service: 'monitoring' },
  { prefix: '/v1/alerts', service: 'monitoring' },
  { prefix: '/v1/alert-rules', service: 'monitoring' },
  { prefix: '/v1/exports', service: 'monitoring' },
  { prefix: '/v1/settings', service: 'monitoring' },
  { prefix: '/v1/me', service: 'monitoring' },
  { prefix: '/v1/cycles', service: 'strategy' },
  { prefix: '/v1/tasks', service: 'strategy' },
  { prefix: '/v1/notifications', service: 'strategy' },
  { prefix: '/v1/measures', service: 'measures' },
  { prefix: '/v1/audit', service: 'measures' },
  { prefix: '/v1/overview', service: 'measures' },
  { prefix: '/v1/providers', service: 'measures' },
  { prefix: '/v1/offers', service: 'measures' },
  { prefix: '/v1/gaps', service: 'measures' },
];

/** The service that owns a request path, or undefined when no service serves it. */
export function serviceFor(path: string): ServiceName | undefined {
  return API_ROUTES.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))?.service;
}
