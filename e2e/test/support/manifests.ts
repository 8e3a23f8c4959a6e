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
 * The checks both ways of deploying must pass (the kustomize base in infra/k8s and the Helm chart in
 * infra/helm): each process starts with the environment its Deployment gives it, probes name its port, a
 * migration has the service's database, and the Ingress sends every API path to the service that serves it.
 */
export const root = join(__dirname, '..', '..', '..');

export type Resource = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> }; spec: Record<string, never>; data?: Record<string, string> };
type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } };
export type Container = { name: string; command: string[]; env?: EnvVar[]; envFrom?: { configMapRef: { name: string } }[]; ports?: { name: string; containerPort: number }[]; readinessProbe?: { httpGet: { path: string; port: string } }; livenessProbe?: { httpGet: { path: string; port: string } } };
export type PodSpec = { initContainers?: Container[]; containers: Container[] };
export type PodTemplate = { spec: PodSpec; metadata: { annotations?: Record<string, string>; labels: Record<string, string> } };

export const parseManifests = (text: string): Resource[] =>
  parseAllDocuments(text)
    .map((doc) => doc.toJS() as Resource | null)
    .filter((r): r is Resource => r !== null);

/** The example Secret (infra/k8s/secret.example.yaml): every key a Deployment may reference, with a value. */
export const exampleSecret = (parseManifests(readFileSync(join(root, 'infra', 'k8s', 'secret.example.yaml'), 'utf8'))[0] as unknown as { stringData: Record<string, string> }).stringData;

export const processes: { deployment: string; entry: string; schema: z.ZodTypeAny }[] = [
  { deployment: 'monitoring', entry: 'services/monitoring/dist/index.js', schema: monitoringConfig },
  { deployment: 'strategy', entry: 'services/strategy/dist/index.js', schema: strategyConfig },
  { deployment: 'measures', entry: 'services/measures/dist/index.js', schema: measuresConfig },
  { deployment: 'worker', entry: 'workflows/dist/worker.js', schema: workerConfig },
  { deployment: 'web', entry: 'apps/web/dist/server/index.js', schema: webConfig },
];

/** The keys a config schema knows (unwrapping the preprocess that maps the local stack's secret names). */
export const keysOf = (schema: z.ZodTypeAny): string[] => {
  const inner = (schema._def as { schema?: z.ZodTypeAny }).schema ?? schema;
  return Object.keys((inner as z.AnyZodObject).shape);
};

export function manifestsOf(resources: Resource[]) {
  const deployments = resources.filter((r) => r.kind === 'Deployment');
  const podOf = (name: string): PodTemplate => {
    const deployment = deployments.find((d) => d.metadata.name === name);
    if (!deployment) throw new Error(`no Deployment ${name}`);
    return (deployment.spec as unknown as { template: PodTemplate }).template;
  };
  const configMap = (name: string) => resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === name)?.data ?? {};
  /** The environment a container starts with: its ConfigMaps, then its own variables, secrets from the example. */
  const environmentOf = (container: Container): Record<string, string> => {
    const environment: Record<string, string> = Object.assign({}, ...(container.envFrom ?? []).map((from) => configMap(from.configMapRef.name)));
    for (const variable of container.env ?? []) {
      const key = variable.valueFrom?.secretKeyRef?.key;
      environment[variable.name] = variable.value ?? exampleSecret[key ?? ''] ?? '';
    }
    return environment;
  };
  const ingressPaths = () => {
    type Path = { path: string; backend: { service: { name: string; port: { number: number } } } };
    const ingress = resources.find((r) => r.kind === 'Ingress')!.spec as unknown as { rules: { http: { paths: Path[] } }[] };
    return ingress.rules.flatMap((rule) => rule.http.paths);
  };
  return { deployments, podOf, configMap, environmentOf, ingressPaths };
}

/** The tests both deployments share; `label` names them apart. */
export function describeManifests(label: string, load: () => Resource[]) {
  describe(`${label}: processes, probes, migrations and Ingress`, () => {
    let m: ReturnType<typeof manifestsOf>;
    beforeAll(() => {
      m = manifestsOf(load());
    });

    test.each(processes)('when $deployment starts with its Deployment’s environment, then its config schema accepts it', ({ deployment, entry, schema }) => {
      const container = m.podOf(deployment).spec.containers[0]!;
      expect(container.command).toEqual(['node', entry]);
      expect(() => loadConfig(schema, m.environmentOf(container))).not.toThrow();
      // Every variable set for this process is one it reads: a typo would be silently ignored otherwise.
      const known = keysOf(schema);
      expect((container.env ?? []).map((v) => v.name).filter((name) => !known.includes(name))).toEqual([]);
    });

    test('when a ConfigMap key is set, then some process reads it', () => {
      const known = new Set(processes.flatMap(({ schema }) => keysOf(schema)));
      const used = new Set(processes.flatMap(({ deployment }) => (m.podOf(deployment).spec.containers[0]!.envFrom ?? []).map((f) => f.configMapRef.name)));
      expect(used.size).toBe(1);
      const keys = [...used].flatMap((name) => Object.keys(m.configMap(name)));
      expect(keys.length).toBeGreaterThan(5);
      expect(keys.filter((key) => !known.has(key))).toEqual([]);
    });

    test.each(processes)('when $deployment is probed, then readiness and liveness point at the port it listens on', ({ deployment }) => {
      const container = m.podOf(deployment).spec.containers[0]!;
      const port = container.ports![0]!;
      expect(container.readinessProbe!.httpGet).toEqual({ path: '/health/ready', port: port.name });
      expect(container.livenessProbe!.httpGet).toEqual({ path: '/health/live', port: port.name });
      const listens = m.environmentOf(container).PORT ?? m.environmentOf(container).HEALTH_PORT;
      expect(listens).toBe(String(port.containerPort));
    });

    test('when a migration runs before a service starts, then it has the database the service has', () => {
      for (const deployment of ['monitoring', 'strategy', 'measures']) {
        const migrate = m.podOf(deployment).spec.initContainers![0]!;
        expect(migrate.command).toEqual(['node', `services/${deployment}/dist/migrate.js`]);
        expect(m.environmentOf(migrate).DATABASE_URL).toBe(m.environmentOf(m.podOf(deployment).spec.containers[0]!).DATABASE_URL);
      }
    });

    test('when a request comes through the Ingress, then every API path reaches the service that serves it', () => {
      const paths = m.ingressPaths();
      // Prefix matching as Kubernetes defines it: whole path elements, the longest prefix wins.
      const route = (path: string) =>
        paths
          .filter((p) => path === p.path || path.startsWith(`${p.path}/`))
          .sort((a, b) => b.path.length - a.path.length)[0]?.backend.service;
      const misrouted: string[] = [];
      for (const name of ['monitoring', 'strategy', 'measures']) {
        const openapi = JSON.parse(readFileSync(join(root, `services/${name}/src/generated/openapi.json`), 'utf8')) as { paths: Record<string, unknown> };
        const port = m.podOf(name).spec.containers[0]!.ports![0]!.containerPort;
        const apiPaths = Object.keys(openapi.paths).filter((p) => p.startsWith('/v1/') && p !== '/v1/me' && !p.startsWith('/v1/admin/'));
        for (const path of apiPaths.map((p) => p.replace(/\{[^}]+\}/g, 'x'))) {
          const target = route(path);
          if (target?.name !== name || target.port.number !== port) misrouted.push(`${path} → ${target?.name ?? 'nowhere'} (served by ${name})`);
        }
      }
      expect(misrouted).toEqual([]);
    });

    test('when the Ingress and the web server route an API path, then they send it to the same service', () => {
      const paths = m.ingressPaths();
      const apiPaths = paths.filter((p) => p.path.startsWith('/v1/')).map((p) => ({ prefix: p.path, service: p.backend.service.name }));
      expect(apiPaths).toEqual(API_ROUTES.map(({ prefix, service }) => ({ prefix, service })));
      // Every other path is a page of the web app.
      expect(paths.filter((p) => !p.path.startsWith('/v1/'))).toEqual([expect.objectContaining({ path: '/', backend: { service: { name: 'web', port: { number: 3000 } } } })]);
    });
  });
}
