import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { connectAsAnotherReplica, userToken, waitFor } from '@sozialraum/kit/testing';
import { freshVersion, recompute, seed } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';
import { buildMap } from '../src/use-cases/spaces-map';

/**
 * The map's answers kept per data and results version: compressed once, ETag and 304, classes after a
 * recomputation; the versions kept in memory from notifications, and read per request while none are heard.
 */
let service: MonitoringService;
const KEY = 'T6M_V';
const codes = ['T6M-A', 'T6M-B', 'T6M-C', 'T6M-D', 'T6M-E'];
const version = freshVersion();
const query = () => `/v1/map?${new URLSearchParams({ type: 'statistical-area', indicators: KEY, period: '2023', method: `t6-map@${version}` })}`;

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  // T6M-E has 100 residents: viewers never get its value.
  await seed(service, {
    spaces: codes.map((code) => ({ code, type: 'statistical-area', population: code === 'T6M-E' ? 100 : 1000 })),
    indicators: [{ key: KEY, polarity: 'higher-is-worse', kind: 'share' }],
    release: 't6-map',
    values: codes.map((code, i) => [code, KEY, '2023', 10 * (i + 1)]),
  });
  const method = {
    key: 't6-map', version, spaceType: 'statistical-area', minPopulation: 300,
    statusIndicators: [{ indicatorKey: KEY }], dynamicsIndicators: [{ indicatorKey: KEY }], dynamicsSource: 'indicator',
  };
  const created = await fetch(`${service.url}/v1/methods`, {
    method: 'POST', headers: { authorization: `Bearer ${await userToken('planer')}`, 'content-type': 'application/json' }, body: JSON.stringify(method),
  });
  expect(created.status).toBe(201);
});
afterAll(() => service.close());

/** The bytes as sent (fetch would decompress them itself). */
async function mapAs(user: string, headers: Record<string, string>, path = query()) {
  const token = await userToken(user);
  return new Promise<{ status: number; headers: { get: (name: string) => string | null }; bytes: Buffer }>((resolve, reject) => {
    get(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const header = (name: string) => [response.headers[name] ?? null].flat()[0] ?? null;
        resolve({ status: response.statusCode ?? 0, headers: { get: header }, bytes: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

type Feature = { properties: Record<string, unknown> & { code: string } };
const featureOf = (body: Buffer, code: string) => (JSON.parse(body.toString('utf8')) as { features: Feature[] }).features.find((f) => f.properties.code === code);

test('when a client accepts brotli or gzip, then the same map comes compressed, and with its ETag as If-None-Match it gets 304', async () => {
  const plain = await mapAs('planer', { 'accept-encoding': 'identity' });
  expect(plain.status).toBe(200);
  expect(plain.headers.get('content-encoding')).toBeNull();
  const br = await mapAs('planer', { 'accept-encoding': 'gzip, br' });
  expect(br.headers.get('content-encoding')).toBe('br');
  expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  const gz = await mapAs('planer', { 'accept-encoding': 'gzip' });
  expect(gz.headers.get('content-encoding')).toBe('gzip');
  expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
  expect(gz.headers.get('vary')).toContain('Accept-Encoding');
  const etag = plain.headers.get('etag') as string;
  expect(br.headers.get('etag')).toBe(etag);
  const again = await mapAs('planer', { 'accept-encoding': 'br', 'if-none-match': etag });
  expect(again.status).toBe(304);
  expect(again.bytes.length).toBe(0);
  // Without simplify the map is the simplified one.
  const simplified = await mapAs('planer', { 'accept-encoding': 'identity' }, `${query()}&simplify=true`);
  expect(simplified.bytes.equals(plain.bytes)).toBe(true);
});

test('when the method is recomputed, then the kept map gets its classes, and viewers still do not get the withheld value', async () => {
  const before = await mapAs('planer', { 'accept-encoding': 'identity' });
  expect(featureOf(before.bytes, 'T6M-A')?.properties).toMatchObject({ statusClass: null, [KEY]: { value: 10 } });
  const viewerBefore = await mapAs('gast', { 'accept-encoding': 'gzip' });
  await recompute(service, 't6-map', version);
  const after = await mapAs('planer', { 'accept-encoding': 'identity' });
  expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  expect(featureOf(after.bytes, 'T6M-A')?.properties.statusClass).toEqual(expect.any(Number));
  const viewer = await mapAs('gast', { 'accept-encoding': 'gzip', 'if-none-match': viewerBefore.headers.get('etag') as string });
  expect(viewer.status).toBe(200);
  const small = featureOf(gunzipSync(viewer.bytes), 'T6M-E')?.properties;
  expect(small).toMatchObject({ [KEY]: { value: null, suppressed: true }, statusClass: null });
  expect(featureOf(gunzipSync(viewer.bytes), 'T6M-A')?.properties.statusClass).toEqual(expect.any(Number));
});

test('when requests ask together for a map not kept yet, then it is made once and all get that one', async () => {
  const question = { type: 'statistical-area', indicators: KEY, period: '2023', simplify: false } as const;
  const answers = await Promise.all(Array.from({ length: 5 }, () => buildMap(service.deps.pool, service.deps.maps, question, 'disclosed')));
  for (const answer of answers) expect(answer).toBe(answers[0]);
  expect(service.deps.maps.making.size).toBe(0);
  expect(await buildMap(service.deps.pool, service.deps.maps, question, 'disclosed')).toBe(answers[0]);
});

describe('the versions kept from notifications', () => {
  const valueOfA = async () => featureOf((await mapAs('planer', { 'accept-encoding': 'identity' })).bytes, 'T6M-A')?.properties[KEY];
  /** As another replica's import would change it: the data version rises in the same transaction (trigger). */
  const changeElsewhere = async (value: number) => {
    const replica = await connectAsAnotherReplica(service.deps.config.DATABASE_URL, 'monitoring');
    try {
      await replica.query(`UPDATE indicator_value SET value = $2 WHERE indicator_key = $1 AND space_id = (SELECT id FROM space WHERE code = 'T6M-A' AND valid_until IS NULL)`, [KEY, value]);
    } finally {
      await replica.end();
    }
  };
  afterAll(() => changeElsewhere(10));

  test('when another replica changes a value, then the kept map here shows it within the notification\'s delay', async () => {
    await waitFor(() => service.deps.maps.version.listening(), 10_000, 'the map version heard');
    await valueOfA();
    await changeElsewhere(11);
    await waitFor(async () => ((await valueOfA()) as { value: number }).value === 11, 2_000, 'the other replica\'s change shown');
  });

  test('when the listening connection is lost, then every map reads the versions (another replica\'s change shows at once), and memory serves again once it listens', async () => {
    await waitFor(() => service.deps.maps.version.listening(), 10_000, 'the map version heard');
    await changeElsewhere(12);
    await waitFor(async () => ((await valueOfA()) as { value: number }).value === 12, 2_000, 'the change shown');
    const killer = await connectAsAnotherReplica(service.deps.config.DATABASE_URL, 'monitoring');
    try {
      // Every monitoring process listening in this database: the others read per request until they listen again.
      await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'monitoring map version'`);
    } finally {
      await killer.end();
    }
    await waitFor(() => !service.deps.maps.version.listening(), 5_000, 'the loss noticed');
    // No notification can come now: only a read per request shows the change at the very next map.
    await changeElsewhere(13);
    expect(await valueOfA()).toMatchObject({ value: 13 });
    await waitFor(() => service.deps.maps.version.listening(), 10_000, 'listening again');
    await changeElsewhere(14);
    await waitFor(async () => ((await valueOfA()) as { value: number }).value === 14, 2_000, 'a change heard again');
  });
});
