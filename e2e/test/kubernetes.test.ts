import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeManifests, manifestsOf, parseManifests, processes, type Resource, root } from './support/manifests';

/** The kustomize base (infra/k8s) against the code it runs; the shared checks are in support/manifests.ts. */
const base = join(root, 'infra', 'k8s', 'base');
const load = (file: string): Resource[] => parseManifests(readFileSync(join(base, file), 'utf8'));
const resources = (): Resource[] => (load('kustomization.yaml')[0] as unknown as { resources: string[] }).resources.flatMap(load);

describeManifests('the kustomize base', resources);

describe('the kustomize base', () => {
  test.each(processes.filter((p) => p.deployment !== 'web'))('when Prometheus looks for $deployment, then the scrape annotations name its port and /metrics', ({ deployment }) => {
    const pod = manifestsOf(resources()).podOf(deployment);
    const port = pod.spec.containers[0]!.ports![0]!;
    expect(pod.metadata.annotations).toMatchObject({ 'prometheus.io/port': String(port.containerPort), 'prometheus.io/path': '/metrics' });
  });

  test('when the web pod is scraped, then it offers no metrics (the Ingress sends / to it, so /metrics would be public)', () => {
    expect(manifestsOf(resources()).podOf('web').metadata.annotations).toEqual({ 'prometheus.io/scrape': 'false' });
  });
});
