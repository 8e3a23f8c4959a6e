import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type z } from '@sozialraum/kit';
import { configSchema as measuresConfig } from '@sozialraum/measures/dist/config';
import { configSchema as monitoringConfig } from '@sozialraum/monitoring/dist/config';
import { configSchema as strategyConfig } from '@sozialraum/strategy/dist/config';
import { API_ROUTES } from '@sozialraum/web/dist/server/routes';
import { configSchema as webConfig } from '@sozialraum/web/dist/server/config';
import { configSchema as workerConfig } from '@sozialraum/workflows/dist/config';
import { parseAllDocuments } from 'yaml';

/**
 * The Kubernetes manifests (infra/k8s) against the code they run: each process starts with the environment
 * its Deployment gives it, and the Ingress sends every API path to the service that serves it.
 */
const k8s = join(__dirname, '..', '..', 'infra', 'k8s');
const root = join(__dirname, '..', '..');

type Resource = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, never>; data?: Record<string, string> };
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string; optional?: boolean } } };
type Container = { name: string; command: string[]; env?: EnvVar[]; ports?: { name: string; containerPort: number }[]; readinessProbe?: { httpGet: { path: string; port: string } }; livenessProbe?: { httpGet: { path: string; port: string } } };
type PodSpec = { initContainers?: Container[]; containers: Container[] };

const load = (file: string): Resource[] => parseAllDocuments(readFileSync(join(k8s, file), 'utf8')).map((doc) => doc.toJS() as Resource);
const kustomization = load('base/kustomization.yaml')[0] as unknown as { resources: string[] };
const resources = kustomization.resources.flatMap((file) => load(`base/${file}`));
const secret = load('secret.example.yaml')[0] as unknown as { stringData: Record<string, string> };
const configMap = resources.find((r) => r.kind === 'ConfigMap')!.data!;
const deployments = resources.filter((r) => r.kind === 'Deployment');
const podOf = (name: string) => (deployments.find((d) => d.metadata.name === name)!.spec as unknown as { template: { spec: PodSpec; metadata: { annotations: Record<string, string> } } }).template;

/** The environment a container starts with: the ConfigMap, then its own variables, secrets from the example. */
function environmentOf(container: Container): Record<string, string> {
  const environment: Record<string, string> = { ...configMap };
  for (const variable of container.env ?? []) {
    const key = variable.valueFrom?.secretKeyRef?.key;
    environment[variable.name] = variable.value ?? secret.stringData[key ?? ''] ?? '';
  }
  return environment;
}

/** The keys a config schema knows (unwrapping the preprocess that maps the local stack's secret names). */
const keysOf = (schema: z.ZodTypeAny): string[] => {
  const inner = (schema._def as { schema?: z.ZodTypeAny }).schema ?? schema;
  return Object.keys((inner as z.AnyZodObject).shape);
};

const processes: { deployment: string; entry: string; schema: z.ZodTypeAny }[] = [
  { deployment: 'monitoring', entry: 'services/monitoring/dist/index.js', schema: monitoringConfig },
  { deployment: 'strategy', entry: 'services/strategy/dist/index.js', schema: strategyConfig },
  { deployment: 'measures', entry: 'services/measures/dist/index.js', schema: measuresConfig },
  { deployment: 'worker', entry: 'workflows/dist/worker.js', schema: workerConfig },
  { deployment: 'web', entry: 'apps/web/dist/server/index.js', schema: webConfig },
];

describe('the Kubernetes manifests', () => {
  test.each(processes)('when $deployment starts with its Deployment’s environment, then its config schema accepts it', ({ deployment, entry, schema }) => {
    const container = podOf(deployment).spec.containers[0]!;
    expect(container.command).toEqual(['node', entry]);
    expect(() => loadConfig(schema, environmentOf(container))).not.toThrow();
    // Every variable set for this process is one it reads: a typo would be silently ignored otherwise.
    const known = keysOf(schema);
    expect((container.env ?? []).map((v) => v.name).filter((name) => !known.includes(name))).toEqual([]);
  });

  test('when a ConfigMap key is set, then some process reads it', () => {
    const known = new Set(processes.flatMap(({ schema }) => keysOf(schema)));
    expect(Object.keys(configMap).filter((key) => !known.has(key))).toEqual([]);
  });

  test.each(processes)('when $deployment is probed and scraped, then readiness, liveness and metrics point at its own port', ({ deployment }) => {
    const pod = podOf(deployment);
    const container = pod.spec.containers[0]!;
    const port = container.ports![0]!;
    expect(container.readinessProbe!.httpGet).toEqual({ path: '/health/ready', port: port.name });
    expect(container.livenessProbe!.httpGet).toEqual({ path: '/health/live', port: port.name });
    // The web server has no metrics of its own (the Ingress sends / to it, so /metrics would be public).
    if (deployment !== 'web') expect(pod.metadata.annotations).toMatchObject({ 'prometheus.io/port': String(port.containerPort), 'prometheus.io/path': '/metrics' });
    // The port the process listens on is the one the manifest names.
    const listens = environmentOf(container).PORT ?? environmentOf(container).HEALTH_PORT;
    expect(listens).toBe(String(port.containerPort));
  });

  test('when a migration runs before a service starts, then it has the database the service has', () => {
    for (const deployment of ['monitoring', 'strategy', 'measures']) {
      const migrate = podOf(deployment).spec.initContainers![0]!;
      expect(migrate.command).toEqual(['node', `services/${deployment}/dist/migrate.js`]);
      expect(environmentOf(migrate).DATABASE_URL).toBe(environmentOf(podOf(deployment).spec.containers[0]!).DATABASE_URL);
    }
  });

  test('when a request comes through the Ingress, then every API path reaches the service that serves it', () => {
    type Path = { path: string; backend: { service: { name: string; port: { number: number } } } };
    const ingress = resources.find((r) => r.kind === 'Ingress')!.spec as unknown as { rules: { http: { paths: Path[] } }[] };
    const paths = ingress.rules.flatMap((rule) => rule.http.paths);
    // Prefix matching as Kubernetes defines it: whole path elements, the longest prefix wins.
    const route = (path: string) =>
      paths
        .filter((p) => path === p.path || path.startsWith(`${p.path}/`))
        .sort((a, b) => b.path.length - a.path.length)[0]?.backend.service;
    const misrouted: string[] = [];
    for (const name of ['monitoring', 'strategy', 'measures']) {
      const openapi = JSON.parse(readFileSync(join(root, `services/${name}/src/generated/openapi.json`), 'utf8')) as { paths: Record<string, unknown> };
      const port = podOf(name).spec.containers[0]!.ports![0]!.containerPort;
      const apiPaths = Object.keys(openapi.paths).filter((p) => p.startsWith('/v1/') && p !== '/v1/me' && !p.startsWith('/v1/admin/'));
      for (const path of apiPaths.map((p) => p.replace(/\{[^}]+\}/g, 'x'))) {
        const target = route(path);
        if (target?.name !== name || target.port.number !== port) misrouted.push(`${path} → ${target?.name ?? 'nowhere'} (served by ${name})`);
      }
    }
    expect(misrouted).toEqual([]);
  });

  test('when the Ingress and the web server route an API path, then they send it to the same service', () => {
    type Path = { path: string; backend: { service: { name: string } } };
    const ingress = resources.find((r) => r.kind === 'Ingress')!.spec as unknown as { rules: { http: { paths: Path[] } }[] };
    const paths = ingress.rules.flatMap((rule) => rule.http.paths);
    const apiPaths = paths.filter((p) => p.path.startsWith('/v1/')).map((p) => ({ prefix: p.path, service: p.backend.service.name }));
    expect(apiPaths).toEqual(API_ROUTES.map(({ prefix, service }) => ({ prefix, service })));
    // Every other path is a page of the web app.
    expect(paths.filter((p) => !p.path.startsWith('/v1/'))).toEqual([expect.objectContaining({ path: '/', backend: { service: { name: 'web', port: { number: 3000 } } } })]);
  });

  test('when Temporal’s frontend is reached, then only the processes that read TEMPORAL_ADDRESS are admitted from Sozialraum', () => {
    type Peer = { namespaceSelector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; values: string[] }> } };
    const policy = load('temporal/network-policy.yaml')[0]!.spec as unknown as { podSelector: { matchLabels: Record<string, string> }; ingress: Array<{ from: Peer[] }> };
    expect((load('temporal/kustomization.yaml')[0] as unknown as { resources: string[] }).resources).toEqual(['network-policy.yaml']);
    expect(policy.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/component': 'frontend' });
    const ours = policy.ingress.flatMap((rule) => rule.from).filter((peer) => peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'sozialraum');
    const admitted = ours.flatMap((peer) => peer.podSelector?.matchExpressions?.find((e) => e.key === 'app.kubernetes.io/name')?.values ?? []);
    const temporalUsers = processes.filter(({ schema }) => keysOf(schema).includes('TEMPORAL_ADDRESS')).map(({ deployment }) => deployment);
    expect(admitted.sort()).toEqual(temporalUsers.sort());
    // Each admitted name is the label of that Deployment's pods.
    for (const name of admitted) expect((podOf(name) as unknown as { metadata: { labels: Record<string, string> } }).metadata.labels['app.kubernetes.io/name']).toBe(name);
  });
});
