import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describeManifests, manifestsOf, parseManifests, processes, type Resource, root } from './support/manifests';

/**
 * The Helm chart (infra/helm/sozialraum): lint, render, validate against the Kubernetes schemas, and the same
 * checks as the kustomize base. helm and kubernetes-validate are installed by scripts/test.sh (lib.sh).
 */
const chart = join(root, 'infra', 'helm', 'sozialraum');
const cache = process.env.SOZIALRAUM_CACHE ?? join(homedir(), '.cache', 'sozialraum');
const helm = process.env.HELM_BIN ?? join(cache, 'helm-3.22.0', 'helm');
const validator = process.env.KUBERNETES_VALIDATE_BIN ?? join(cache, 'venv', 'bin', 'kubernetes-validate');
const KUBERNETES_VERSION = '1.30.0';
/** Custom resources of the Prometheus Operator: no schema in kubernetes-validate, checked below instead. */
const operatorKinds = ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'];

const render = (...set: string[]): Resource[] =>
  parseManifests(execFileSync(helm, ['template', 'sozialraum', chart, '--namespace', 'sozialraum', '--kube-version', KUBERNETES_VERSION, ...set.flatMap((s) => ['--set', s])], { encoding: 'utf8' }));
const byKind = (resources: Resource[], kind: string) => resources.filter((r) => r.kind === kind);

/** kubernetes-validate on the given resources: its exit status and what it said. */
function validate(resources: Resource[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'helm-'));
  try {
    const file = join(dir, 'rendered.yaml');
    writeFileSync(file, resources.map((r) => stringify(r)).join('---\n'));
    const run = spawnSync(validator, ['--strict', '--quiet', '-k', KUBERNETES_VERSION, file], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const variants: Record<string, string[]> = {
  'the defaults': [],
  'migrations as a hook, autoscaling on, no TLS': ['migrations.mode=hook', ...processes.map((p) => `${p.deployment}.hpa.enabled=true`), 'ingress.tlsSecretName=', 'ingress.className=nginx'],
};

describe('the Helm chart', () => {
  test.each(Object.entries(variants))('when %s are linted strictly, then helm finds nothing', (_name, set) => {
    const lint = spawnSync(helm, ['lint', '--strict', chart, ...set.flatMap((s) => ['--set', s])], { encoding: 'utf8' });
    expect(lint.stdout).toContain('0 chart(s) failed');
    expect(lint.status).toBe(0);
  });

  test.each(Object.entries(variants))('when %s are rendered, then every manifest is valid for Kubernetes %#', (_name, set) => {
    const resources = render(...set);
    const builtIn = resources.filter((r) => !operatorKinds.includes(r.kind));
    expect(builtIn.length).toBeGreaterThan(15);
    const result = validate(builtIn);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
    for (const custom of resources.filter((r) => operatorKinds.includes(r.kind))) expect(custom.apiVersion).toBe('monitoring.coreos.com/v1');
  });

  test('when a rendered manifest is broken, then the validation fails', () => {
    const resources = render();
    const deployment = byKind(resources, 'Deployment')[0]!;
    (deployment.spec as Record<string, unknown>).replicas = 'two';
    const result = validate([deployment]);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/replicas/);
  });

  test('when migrations.mode is neither initContainer nor hook, then rendering fails with the reason', () => {
    const run = spawnSync(helm, ['template', 'sozialraum', chart, '--kube-version', KUBERNETES_VERSION, '--set', 'migrations.mode=later'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('migrations.mode must be initContainer or hook');
  });
});

describeManifests('the Helm chart', () => render());

describe('the Helm chart’s operations', () => {
  test('when migrations run as a hook, then one Job migrates the three schemas before install and upgrade, with the services’ database', () => {
    const resources = render('migrations.mode=hook');
    const [job] = byKind(resources, 'Job');
    expect(job!.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade' });
    const pod = (job!.spec as unknown as { template: { spec: { initContainers: Resource[]; containers: Resource[] } } }).template.spec;
    const steps = [...pod.initContainers, ...pod.containers] as unknown as { command: string[] }[];
    expect(steps.map((s) => s.command)).toEqual(['monitoring', 'strategy', 'measures'].map((s) => ['node', `services/${s}/dist/migrate.js`]));
    const m = manifestsOf(resources);
    for (const step of steps as unknown as Parameters<typeof m.environmentOf>[0][]) expect(m.environmentOf(step).DATABASE_URL).toBe(m.environmentOf(m.podOf('strategy').spec.containers[0]!).DATABASE_URL);
    for (const deployment of ['monitoring', 'strategy', 'measures']) expect(m.podOf(deployment).spec.initContainers).toBeUndefined();
  });

  test('when a process autoscales, then its Deployment leaves replicas to the HPA and a PDB keeps one pod through drains', () => {
    const resources = render(...processes.map((p) => `${p.deployment}.hpa.enabled=true`));
    for (const { deployment } of processes) {
      const spec = resources.find((r) => r.kind === 'Deployment' && r.metadata.name === deployment)!.spec as unknown as { replicas?: number; selector: { matchLabels: Record<string, string> } };
      expect(spec.replicas).toBeUndefined();
      const hpa = resources.find((r) => r.kind === 'HorizontalPodAutoscaler' && r.metadata.name === deployment)!.spec as unknown as { scaleTargetRef: { name: string } };
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment });
      const pdb = resources.find((r) => r.kind === 'PodDisruptionBudget' && r.metadata.name === deployment)!.spec as unknown as { minAvailable: number; selector: unknown };
      expect(pdb).toEqual({ minAvailable: 1, selector: spec.selector });
    }
  });

  test('when the chart renders, then it holds no secret value and every secret comes from secrets.existingSecret', () => {
    const resources = render('secrets.existingSecret=from-vault');
    expect(byKind(resources, 'Secret')).toEqual([]);
    const names: string[] = [];
    JSON.stringify(resources, (key, value: unknown) => {
      if (key === 'secretKeyRef') names.push((value as { name: string }).name);
      return value;
    });
    expect(names.length).toBeGreaterThan(8);
    expect(new Set(names)).toEqual(new Set(['from-vault']));
  });

  test('when Prometheus scrapes, then the ServiceMonitor and PodMonitor select the services and the worker by a port they have', () => {
    const resources = render();
    const m = manifestsOf(resources);
    const [monitor] = byKind(resources, 'ServiceMonitor');
    const spec = monitor!.spec as unknown as { selector: { matchExpressions: { key: string; values: string[] }[] }; endpoints: { port: string; path: string }[] };
    const names = spec.selector.matchExpressions.find((e) => e.key === 'app.kubernetes.io/name')!.values;
    expect(names).toEqual(['monitoring', 'strategy', 'measures']);
    for (const name of names) {
      const service = byKind(resources, 'Service').find((s) => s.metadata.name === name)!;
      expect((service.spec as unknown as { ports: { name: string }[] }).ports.map((p) => p.name)).toContain(spec.endpoints[0]!.port);
    }
    const [podMonitor] = byKind(resources, 'PodMonitor');
    const podSpec = podMonitor!.spec as unknown as { selector: { matchLabels: Record<string, string> }; podMetricsEndpoints: { port: string; path: string }[] };
    expect(m.podOf('worker').metadata.labels).toMatchObject(podSpec.selector.matchLabels);
    expect(m.podOf('worker').spec.containers[0]!.ports!.map((p) => p.name)).toContain(podSpec.podMetricsEndpoints[0]!.port);
    // The web server has no metrics of its own: nothing scrapes it.
    expect(names).not.toContain('web');
  });

  test('when the network policies apply, then our pods admit only each other, the ingress controller and Prometheus, and Temporal’s frontend only strategy, measures, the worker and Temporal', () => {
    const policies = byKind(render(), 'NetworkPolicy');
    const ours = policies.find((p) => p.metadata.namespace === undefined)!.spec as unknown as { ingress: { from: unknown[] }[] };
    expect(ours.ingress[0]!.from).toEqual([
      { podSelector: {} },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    const temporal = policies.find((p) => p.metadata.namespace === 'temporal')!.spec as unknown as { podSelector: unknown; ingress: { from: unknown[]; ports: unknown[] }[] };
    expect(temporal.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'temporal', 'app.kubernetes.io/component': 'frontend' } });
    expect(temporal.ingress).toEqual([
      {
        from: [
          { podSelector: {} },
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'sozialraum' } },
            // Only the processes that read TEMPORAL_ADDRESS, as in infra/k8s/temporal.
            podSelector: {
              matchLabels: { 'app.kubernetes.io/instance': 'sozialraum' },
              matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['strategy', 'measures', 'monitoring', 'worker'] }],
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 7233 }],
      },
    ]);
  });
});
