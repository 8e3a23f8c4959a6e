// Proves that each import boundary of boundaries.js fires (and lets the allowed imports through), by linting
// small sources as if they were files of a package that uses the shared preset.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { join } = require('node:path');
const { ESLint } = require('eslint');

const eslint = new ESLint({ cwd: __dirname, overrideConfigFile: join(__dirname, '..', 'index.js') });

/** The messages of the import rules for `code` as the package file `file`. */
async function importProblems(file, code) {
  const [result] = await eslint.lintText(code, { filePath: join(__dirname, file) });
  return result.messages.filter((m) => /no-restricted-imports/.test(m.ruleId ?? '') || m.fatal).map((m) => m.message);
}

test('when workflow code imports a node built-in, the kit or pg, then the lint refuses each', async () => {
  const code = ["import { readFileSync } from 'node:fs';", "import { createPool } from '@sozialraum/kit/db';", "import pg from 'pg';", 'export const x = [readFileSync, createPool, pg];'].join('\n');
  const problems = await importProblems('src/workflows/cycle.ts', code);
  assert.equal(problems.length, 3, problems.join('\n'));
  for (const p of problems) assert.match(p, /deterministic/);
});

test('when workflow code imports a value from outside its folder, then the lint refuses it; types pass', async () => {
  assert.equal((await importProblems('src/workflows/cycle.ts', "import { createActivities } from '../activities';\nexport const x = createActivities;")).length, 1);
  assert.deepEqual(await importProblems('src/workflows/cycle.ts', "import type { Activities } from '../activities';\nexport type X = Activities;"), []);
});

test('when workflow code imports @temporalio/workflow, the contracts and its own files, then the lint accepts them', async () => {
  const code = [
    "import { condition } from '@temporalio/workflow';",
    "import { PHASES } from '@sozialraum/contracts';",
    "import { openTask } from './tasks';",
    'export const x = [condition, PHASES, openTask];',
  ].join('\n');
  assert.deepEqual(await importProblems('src/workflows/cycle.ts', code), []);
});

test("when a service's source imports another service's source, then the lint refuses it", async () => {
  for (const from of ['@sozialraum/monitoring/dist/server', '@sozialraum/workflows', '../../../strategy/src/data/tasks.repository']) {
    const problems = await importProblems('src/use-cases/measures.ts', `import { x } from '${from}';\nexport const y = x;`);
    assert.equal(problems.length, 1, from);
    assert.match(problems[0], /another service's source/);
  }
});

test('when a route imports a repository, then the lint refuses it; use cases may', async () => {
  const code = "import { findMeasure } from '../data/measures.repository';\nexport const x = findMeasure;";
  const problems = await importProblems('src/http/measures.routes.ts', code);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /Routes call use cases only/);
  assert.deepEqual(await importProblems('src/use-cases/measures.ts', code), []);
  assert.deepEqual(await importProblems('src/http/measures.routes.ts', "import { getMeasure } from '../use-cases/measures';\nexport const x = getMeasure;"), []);
});

test('when a use case or the domain imports BullMQ, then the lint refuses it; the jobs adapter may', async () => {
  const code = "import type { Queue } from 'bullmq';\nexport type Q = Queue;";
  for (const file of ['src/use-cases/imports.ts', 'src/domain/ports/job-queue.ts']) {
    const problems = await importProblems(file, code);
    assert.equal(problems.length, 1, file);
    assert.match(problems[0], /know nothing of BullMQ/);
  }
  assert.deepEqual(await importProblems('src/jobs/queue.ts', code), []);
});

test('when a test starts another service, then the lint lets it (the boundary is for source)', async () => {
  assert.deepEqual(await importProblems('test/helpers/monitoring.ts', "import { createServer } from '@sozialraum/monitoring/dist/server';\nexport const x = createServer;"), []);
});
