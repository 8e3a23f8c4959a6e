import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseManifests, root } from './support/manifests';

/**
 * Dashboards and alert rules must not rot: every metric they query is one the code exports — our own
 * (files that use prom-client), Node's defaults from prom-client, or the Temporal SDK's worker metrics
 * (names compiled into its core, prefixed `temporal_`).
 */
const dashboards = join(root, 'infra', 'helm', 'sozialraum', 'dashboards');
const helm = process.env.HELM_BIN ?? join(process.env.SOZIALRAUM_CACHE ?? join(homedir(), '.cache', 'sozialraum'), 'helm-3.22.0', 'helm');

const filesUnder = (dir: string, suffix: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
const literals = (text: string) => [...text.matchAll(/'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g)].map((m) => m[1]!);

/** Metric names our code registers: string literals in the sources that use prom-client. */
function ownMetrics(): Set<string> {
  const sources = ['packages/kit/src', 'services/monitoring/src', 'services/strategy/src', 'services/measures/src', 'workflows/src'].flatMap((dir) => filesUnder(join(root, dir), '.ts'));
  return new Set(sources.map((file) => readFileSync(file, 'utf8')).filter((text) => text.includes("from 'prom-client'")).flatMap(literals));
}
const promClientDefaults = (): Set<string> => {
  const dir = join(root, 'node_modules', 'prom-client', 'lib', 'metrics');
  return new Set(filesUnder(dir, '.js').flatMap((file) => literals(readFileSync(file, 'utf8'))));
};
/** The Temporal core's metric names (without the `temporal_` prefix and unit suffix) are strings in its binary. */
const temporalCore = (): string => {
  const releases = join(root, 'node_modules', '@temporalio', 'core-bridge', 'releases');
  const [platform] = readdirSync(releases).filter((name) => name.startsWith(`${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-unknown-linux`));
  return readFileSync(join(releases, platform ?? readdirSync(releases)[0]!, 'index.node')).toString('latin1');
};

/** The metric names of a PromQL expression: identifiers not called as functions, outside label matchers and groupings. */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/label_values\(([^,)]+)(,[^)]*)?\)/g, '$1')
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset']);
  return [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)].filter((m) => !m[2] && !keywords.has(m[1]!)).map((m) => m[1]!);
}

function queries(): { where: string; expr: string }[] {
  const found: { where: string; expr: string }[] = [];
  for (const file of readdirSync(dashboards).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(join(dashboards, file), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[]; templating: { list: { name: string; query?: unknown }[] } };
    for (const panel of dashboard.panels) for (const target of panel.targets) found.push({ where: `${file}: ${panel.title}`, expr: target.expr });
    for (const variable of dashboard.templating.list) if (typeof variable.query === 'string' && variable.query.includes('(')) found.push({ where: `${file}: $${variable.name}`, expr: variable.query });
  }
  const rendered = parseManifests(execFileSync(helm, ['template', 'sozialraum', join(root, 'infra', 'helm', 'sozialraum'), '--namespace', 'sozialraum', '--kube-version', '1.30.0'], { encoding: 'utf8' }));
  const rule = rendered.find((r) => r.kind === 'PrometheusRule')!.spec as unknown as { groups: { rules: { alert: string; expr: string }[] }[] };
  for (const r of rule.groups.flatMap((g) => g.rules)) found.push({ where: `alert ${r.alert}`, expr: r.expr });
  return found;
}

describe('dashboards and alert rules', () => {
  test('when a PromQL expression is read, then its metric names are found and functions, labels and ranges are not', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{namespace="x", status=~"5.."}[5m]))) > 2')).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNames('max(a_total{x="y"}) / on (pod) b_seconds and c_c')).toEqual(['a_total', 'b_seconds', 'c_c']);
    expect(metricNames('label_values(queue_jobs, namespace)')).toEqual(['queue_jobs']);
  });

  test('when a dashboard or an alert queries a metric, then the code exports it', () => {
    const own = ownMetrics();
    const defaults = promClientDefaults();
    const core = temporalCore();
    const exported = (name: string): boolean => {
      const base = name.replace(/_(bucket|count|sum)$/, '');
      if (own.has(base) || defaults.has(base)) return true;
      // The SDK's Prometheus exporter prefixes `temporal_` (durations in milliseconds, no unit suffix).
      const coreName = base.replace(/^temporal_/, '');
      return base.startsWith('temporal_') && core.includes(coreName);
    };
    const all = queries();
    expect(all.length).toBeGreaterThan(20);
    const unknown = all.flatMap(({ where, expr }) => metricNames(expr).filter((name) => !exported(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
    // The four things IT asked to see are there: errors and latency, backlogs, schedule-to-start, escalations.
    const used = new Set(all.flatMap(({ expr }) => metricNames(expr)));
    for (const name of ['http_request_duration_seconds_bucket', 'queue_jobs', 'outbox_oldest_unpublished_seconds', 'temporal_workflow_task_schedule_to_start_latency_bucket', 'tasks_open']) expect(used).toContain(name);
  });
});
