import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Schemathesis 4 from PyPI, as scripts/test.sh installs it into the stack's cached venv (SCHEMATHESIS_BIN). */
export function schemathesisBin(): string {
  const bin = process.env.SCHEMATHESIS_BIN ?? join(process.env.SOZIALRAUM_CACHE ?? join(homedir(), '.cache', 'sozialraum'), 'venv', 'bin', 'schemathesis');
  if (!existsSync(bin)) throw new Error(`schemathesis is not installed at ${bin}: run the tests with "npm test", which installs it.`);
  return bin;
}

export interface FuzzRun {
  /** The service's base URL; its document is at /openapi.json. */
  url: string;
  token: string;
  /** Values that exist (space codes, IDs), offered half of the time for a path parameter of the paths that start so. */
  known: KnownValues[];
  methods?: string[];
  maxExamples: number;
  seed: number;
}

export interface KnownValues {
  pathStart: string;
  parameter: string;
  values: Array<string | number>;
}

const toml = (value: unknown) => JSON.stringify(value);

/** The run's configuration: the token from the environment (never on the command line) and the known values. */
function configOf(run: FuzzRun): string {
  const lines = [
    'headers = { Authorization = "Bearer ${FUZZ_TOKEN}" }',
    // Reports hide the token but show bodies whole (schemathesis would hide every field named like `key`).
    '[output.sanitization]',
    'keys-to-sanitize = ["authorization"]',
    'sensitive-markers = ["authorization"]',
    '',
  ];
  const known = run.known.filter((k) => k.values.length > 0).map((k, i) => ({ ...k, dictionary: `known${i}` }));
  for (const k of known) lines.push(`[dictionaries.${k.dictionary}]`, `values = ${toml(k.values)}`, '');
  // One block per path start: the first block that matches an operation is the one it gets.
  for (const pathStart of new Set(known.map((k) => k.pathStart))) {
    const bindings = known.filter((k) => k.pathStart === pathStart).map((k) => `${toml(`path.${k.parameter}`)} = { dictionary = "${k.dictionary}", probability = 0.5 }`);
    lines.push('[[operations]]', `include-path-regex = ${toml(`^${pathStart}`)}`, `parameters = { ${bindings.join(', ')} }`, '');
  }
  return `${lines.join('\n')}\n`;
}

/** The FAILURES and ERRORS sections of schemathesis' report: what it found, with a curl line to reproduce each. */
function findingsOf(output: string): string {
  const section = (title: string) => new RegExp(`={3,} ${title} ={3,}\\n([\\s\\S]*?)(?=\\n={3,} [A-Z]+ ={3,}|$)`).exec(output)?.[1]?.trim() ?? '';
  return [section('FAILURES'), section('ERRORS')].filter(Boolean).join('\n\n');
}

/**
 * Runs schemathesis against one service: every phase (examples, coverage, fuzzing, stateful), a fixed seed, a
 * bounded number of examples; checks for server errors and for responses that break the document.
 */
export function runSchemathesis(run: FuzzRun): Promise<{ exitCode: number | null; findings: string; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'schemathesis-'));
  const config = join(dir, 'schemathesis.toml');
  writeFileSync(config, configOf(run));
  const args = [
    '--config-file', config, 'run', `${run.url}/openapi.json`,
    '--checks', 'not_a_server_error,response_schema_conformance,content_type_conformance',
    '--phases', 'examples,coverage,fuzzing,stateful',
    '--seed', String(run.seed),
    '--max-examples', String(run.maxExamples),
    '--generation-database', 'none',
    '--request-timeout', '30',
    '--workers', '1', // two threads trip CPython 3.11's ast.parse ("AST constructor recursion depth mismatch")
    '--no-color',
    ...(run.methods ? ['--include-method-regex', `^(${run.methods.join('|')})$`] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(schemathesisBin(), args, { cwd: dir, env: { ...process.env, FUZZ_TOKEN: run.token }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode, findings: findingsOf(output), output });
    });
  });
}
