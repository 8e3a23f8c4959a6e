import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The workflow takes a completion's `by.groups` as the strategy service sends them (from the verified token),
 * so the strategy service must be the only code that sends completions and the cycle's other messages; the
 * measures service sends measure events only. Temporal's frontend admits only these processes
 * (infra/k8s/temporal) and, in production, only their client certificates (docs/operations.md#temporal).
 */
const root = join(__dirname, '..', '..');
const shipped = ['services', 'workflows', 'apps/web/server', 'apps/web/src', 'packages', 'demo/src'];

function sourcesUnder(dir: string): string[] {
  const path = join(root, dir);
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (['node_modules', 'dist', 'test', 'generated', 'e2e'].includes(name)) return [];
    if (statSync(full).isDirectory()) return sourcesUnder(relative(root, full));
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative(root, full)] : [];
  });
}

const sources = shipped.flatMap(sourcesUnder).map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
const sendersOf = (message: RegExp) => sources.filter(({ text }) => message.test(text)).map(({ file }) => file).sort();

describe('who sends messages to the strategy cycles', () => {
  test('when shipped code sends a task completion, then it is the strategy service’s completion use case', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sendersOf(/executeUpdate\(\s*completeTaskUpdate|startUpdate\(\s*completeTaskUpdate|(?<!bodyOf\(req,\s*)['"]completeTask['"]/)).toEqual([
      'packages/contracts/src/cycle.ts',
      'services/strategy/src/use-cases/task-complete.ts',
    ]);
  });

  test('when shipped code updates or signals a cycle, then it is the strategy service (cycle messages) or the measures outbox (measure events)', () => {
    expect(sendersOf(/\.(executeUpdate|startUpdate|signal|signalWithStart)\(/)).toEqual([
      'services/measures/src/outbox/publisher.ts',
      'services/strategy/src/use-cases/cycles.ts',
      'services/strategy/src/use-cases/task-complete.ts',
    ]);
    expect(sources.find((s) => s.file === 'services/measures/src/outbox/publisher.ts')!.text).not.toMatch(/completeTaskUpdate|cancelCycleUpdate|suspendSignal|resumeSignal/);
  });
});
