import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeManifests, keysOf, manifestsOf, parseManifests, processes, type Resource, root } from './support/manifests';

/** The kustomize base (infra/k8s) against the code it runs; the shared checks are in support/manifests.ts. */
const k8s = join(root, 'infra', 'k8s');
const load = (file: string): Resource[] => parseManifests(readFileSync(join(k8s, file), 'utf8'));
const resources = (): Resource[] =>
  (load('base/kustomization.yaml')[0] as unknown as { resources: string[] }).resources.flatMap((file) => load(`base/${file}`));

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
    for (const name of admitted) expect((manifestsOf(resources()).podOf(name) as unknown as { metadata: { labels: Record<string, string> } }).metadata.labels['app.kubernetes.io/name']).toBe(name);
  });
});
