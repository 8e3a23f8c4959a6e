import { call, userToken } from '@sozialraum/kit/testing';
import { type FuzzPlatform, startFuzzPlatform } from './support/fuzz-platform';
import { type KnownValues, runSchemathesis, schemathesisBin } from './support/schemathesis';

// Schema fuzzing of the three services as they run (docs/robustness.md): schemathesis generates valid and
// invalid requests from each /openapi.json — boundary values, NUL characters and unpaired surrogates, huge
// numbers, odd filters — and fails on any server error or any response that breaks the document.
const SEED = 20261201;
type Service = keyof FuzzPlatform['urls'];

let platform: FuzzPlatform;
/** Values that exist in the demo, per service, so requests reach real resources too. */
const known: Record<Service, KnownValues[]> = { monitoring: [], strategy: [], measures: [] };

async function ids(url: string, path: string, field = 'id'): Promise<Array<string | number>> {
  const { body } = await call(`${url}${path}`, { token: await userToken('planer') });
  return (body.items as Array<Record<string, string | number>>).map((item) => item[field] as string | number).slice(0, 20);
}
// Task and notification IDs hold a slash: offered percent-encoded, as clients send them.
const encoded = (values: Array<string | number>) => values.map((v) => encodeURIComponent(v));

beforeAll(async () => {
  schemathesisBin();
  platform = await startFuzzPlatform();
  const { monitoring, strategy, measures } = platform.urls;
  const spaces = await ids(monitoring, '/v1/spaces', 'code');
  const methods = (await call(`${monitoring}/v1/methods`, { token: await userToken('planer') })).body.items as Array<{ key: string; version: string }>;
  known.monitoring = [
    { pathStart: '/v1/spaces/', parameter: 'code', values: spaces },
    { pathStart: '/v1/indicators/', parameter: 'key', values: await ids(monitoring, '/v1/indicators', 'key') },
    { pathStart: '/v1/methods/', parameter: 'key', values: methods.map((m) => m.key) },
    { pathStart: '/v1/methods/', parameter: 'version', values: methods.map((m) => m.version) },
    { pathStart: '/v1/alerts/', parameter: 'id', values: await ids(monitoring, '/v1/alerts') },
    { pathStart: '/v1/imports/', parameter: 'id', values: await ids(monitoring, '/v1/imports') },
  ];
  known.strategy = [
    { pathStart: '/v1/cycles/', parameter: 'id', values: await ids(strategy, '/v1/cycles') },
    { pathStart: '/v1/tasks/', parameter: 'id', values: encoded(await ids(strategy, '/v1/tasks?scope=all')) },
    { pathStart: '/v1/notifications/', parameter: 'id', values: encoded(await ids(strategy, '/v1/notifications')) },
  ];
  const measureIds = await ids(measures, '/v1/measures');
  const milestones = await Promise.all(measureIds.map(async (id) => (await call(`${measures}/v1/measures/${id}`, { token: await userToken('planer') })).body.milestones));
  known.measures = [
    { pathStart: '/v1/measures/', parameter: 'id', values: measureIds },
    { pathStart: '/v1/measures/', parameter: 'milestoneId', values: milestones.flat().map((m: { id: string }) => m.id) },
    { pathStart: '/v1/offers/', parameter: 'id', values: await ids(measures, '/v1/offers') },
    { pathStart: '/v1/providers/', parameter: 'id', values: await ids(measures, '/v1/providers') },
    { pathStart: '/v1/gaps/', parameter: 'code', values: spaces },
  ];
}, 240_000);
afterAll(() => platform?.stop());

// The planner may change almost everything: every operation. The viewer mostly reads: the GETs.
const runs: Array<[Service, string, { methods?: string[]; maxExamples: number }]> = [
  ['monitoring', 'planer', { maxExamples: 8 }],
  ['strategy', 'planer', { maxExamples: 8 }],
  ['measures', 'planer', { maxExamples: 8 }],
  ['monitoring', 'gast', { methods: ['GET'], maxExamples: 4 }],
  ['strategy', 'gast', { methods: ['GET'], maxExamples: 4 }],
  ['measures', 'gast', { methods: ['GET'], maxExamples: 4 }],
];

test.each(runs)('when schemathesis fuzzes %s with %s’s token, then no request gets a 5xx and every response matches the document', async (service, user, options) => {
  const result = await runSchemathesis({ url: platform.urls[service], token: await userToken(user), known: known[service], seed: SEED, ...options });
  // On a finding, the failure shows schemathesis' report of it, with a curl line that reproduces it.
  expect({ findings: result.findings, exitCode: result.exitCode }).toEqual({ findings: '', exitCode: 0 });
  expect(result.output).toMatch(/Seed: 20261201/);
}, 300_000);
