import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { connectAsAnotherReplica, userToken, waitFor } from '@sozialraum/kit/testing';
import { freshVersion, recompute, seed } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';
import { checkClasses, checkOutlines } from './helpers/map';
import { mapClasses } from '../src/use-cases/map-classes';

/**
 * The map's two answers — outlines (no figures, kept by the browser) and classes with values (keyed by code) —
 * kept per data and results version: compressed once, ETag and 304, classes after a recomputation; the versions
 * kept in memory from notifications, and read per request while none are heard.
 */
let service: MonitoringService;
const KEY = 'T6M_V';
const codes = ['T6M-A', 'T6M-B', 'T6M-C', 'T6M-D', 'T6M-E'];
/** Spaces without values, with outlines: enough bytes for both answers to be worth compressing (1 KB). */
const others = Array.from({ length: 12 }, (_, i) => `T6M-Z${String(i).padStart(2, '0')}`);
const version = freshVersion();
const classesPath = () => `/v1/map/classes?${new URLSearchParams({ type: 'statistical-area', indicators: KEY, period: '2023', method: `t6-map@${version}` })}`;
const OUTLINES = '/v1/map/outlines?type=statistical-area';
const square = (lon: number) => ({ type: 'Polygon', coordinates: [[[lon, 54.7], [lon + 0.01, 54.7], [lon + 0.01, 54.71], [lon, 54.71], [lon, 54.7]]] });

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  // T6M-E has 100 residents: viewers never get its value.
  await seed(service, {
    spaces: [...codes, ...others].map((code) => ({ code, type: 'statistical-area', population: code === 'T6M-E' ? 100 : 1000 })),
    indicators: [{ key: KEY, polarity: 'higher-is-worse', kind: 'share' }],
    release: 't6-map',
    values: codes.map((code, i) => [code, KEY, '2023', 10 * (i + 1)]),
  });
  for (const [i, code] of ['T6M-A', ...others].entries()) {
    await service.deps.pool.query(
      `UPDATE space SET geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) WHERE code = $2 AND valid_until IS NULL`,
      [JSON.stringify(square(9.4 + i * 0.01)), code],
    );
  }
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

type Sent = { status: number; headers: { get: (name: string) => string | null }; bytes: Buffer };

/** The bytes as sent (fetch would decompress them itself). */
async function answerAs(user: string | undefined, headers: Record<string, string>, path = classesPath()): Promise<Sent> {
  const token = user ? await userToken(user) : undefined;
  return new Promise((resolve, reject) => {
    get(`${service.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const header = (name: string) => [response.headers[name] ?? null].flat()[0] ?? null;
        resolve({ status: response.statusCode ?? 0, headers: { get: header }, bytes: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

const classesIn = (bytes: Buffer) => checkClasses(JSON.parse(bytes.toString('utf8')), 'classes');
const spaceIn = (bytes: Buffer, code: string) => classesIn(bytes).spaces[code];

describe('the classes', () => {
  test('when a client accepts brotli or gzip, then the same classes come compressed, keyed by code, and with their ETag as If-None-Match it gets 304', async () => {
    const plain = await answerAs('planer', { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe('private, no-cache');
    expect(Object.keys(classesIn(plain.bytes).spaces).filter((c) => c.startsWith('T6M-'))).toEqual([...codes, ...others]);
    const br = await answerAs('planer', { 'accept-encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    const gz = await answerAs('planer', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    expect(gz.headers.get('vary')).toContain('Accept-Encoding');
    const etag = plain.headers.get('etag') as string;
    expect(br.headers.get('etag')).toBe(etag);
    const again = await answerAs('planer', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  test('when the method is recomputed, then the classes answer has them, and viewers still do not get the withheld value', async () => {
    const before = await answerAs('planer', { 'accept-encoding': 'identity' });
    const viewerBefore = await answerAs('gast', { 'accept-encoding': 'gzip' });
    await recompute(service, 't6-map', version);
    const after = await answerAs('planer', { 'accept-encoding': 'identity' });
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(spaceIn(after.bytes, 'T6M-A')).toMatchObject({ statusClass: expect.any(Number), values: { [KEY]: { value: 10 } } });
    expect(classesIn(after.bytes)).toMatchObject({ method: `t6-map@${version}`, classPeriod: '2023', periods: { [KEY]: '2023' } });
    const viewer = await answerAs('gast', { 'accept-encoding': 'gzip', 'if-none-match': viewerBefore.headers.get('etag') as string });
    expect(viewer.status).toBe(200);
    expect(spaceIn(before.bytes, 'T6M-A')?.statusClass).toBeNull();
    expect(spaceIn(gunzipSync(viewer.bytes), 'T6M-E')).toMatchObject({ statusClass: null, dynamicsClass: null, combinedGroup: null, values: { [KEY]: { value: null, suppressed: true } } });
    expect(spaceIn(gunzipSync(viewer.bytes), 'T6M-A')?.statusClass).toEqual(expect.any(Number));
  });

  test('when requests ask together for classes not kept yet, then they are made once and all get that one', async () => {
    const question = { type: 'statistical-area', indicators: KEY, period: '2022' } as const;
    const answers = await Promise.all(Array.from({ length: 5 }, () => mapClasses(service.deps.pool, service.deps.maps, question, 'disclosed')));
    for (const answer of answers) expect(answer).toBe(answers[0]);
    expect(service.deps.maps.making.size).toBe(0);
    expect(await mapClasses(service.deps.pool, service.deps.maps, question, 'disclosed')).toBe(answers[0]);
  });
});

describe('the outlines', () => {
  test('when a client asks for the outlines, then they hold code, name and type only, the same bytes for every audience, and the browser may keep them', async () => {
    const planner = await answerAs('planer', { 'accept-encoding': 'identity' }, OUTLINES);
    expect(planner.status).toBe(200);
    expect(planner.headers.get('content-type')).toContain('application/geo+json');
    expect(planner.headers.get('cache-control')).toBe('private, max-age=600');
    const outlines = checkOutlines(JSON.parse(planner.bytes.toString('utf8')), 'outlines');
    const a = outlines.features.find((f) => f.properties.code === 'T6M-A');
    expect(a).toMatchObject({ type: 'Feature', geometry: { type: expect.stringMatching(/Polygon$/) }, properties: { code: 'T6M-A', name: 'Raum T6M-A', type: 'statistical-area' } });
    expect(Object.keys(a?.properties ?? {})).toEqual(['code', 'name', 'type']);
    expect(outlines.features.find((f) => f.properties.code === 'T6M-E')?.geometry).toBeNull();
    const viewer = await answerAs('gast', { 'accept-encoding': 'identity' }, OUTLINES);
    expect(viewer.bytes.equals(planner.bytes)).toBe(true);
    expect(viewer.headers.get('etag')).toBe(planner.headers.get('etag'));
  });

  test('when the method is recomputed, then the outlines keep their ETag: a browser that has them gets 304', async () => {
    const before = await answerAs('gast', { 'accept-encoding': 'br' }, OUTLINES);
    await recompute(service, 't6-map', version);
    const again = await answerAs('gast', { 'accept-encoding': 'br', 'if-none-match': before.headers.get('etag') as string }, OUTLINES);
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect(again.headers.get('cache-control')).toBe('private, max-age=600');
  });

  test('when no token or a wrong type is given, then the answer is a problem, not outlines', async () => {
    const anonymous = await answerAs(undefined, {}, OUTLINES);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const wrong = await answerAs('gast', {}, '/v1/map/outlines?type=nope');
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect((await answerAs('gast', {}, '/v1/map/classes?period=x')).status).toBe(400);
    expect((await answerAs(undefined, {}, classesPath())).status).toBe(401);
  });
});

describe('the versions kept from notifications', () => {
  const valueOfA = async () => spaceIn((await answerAs('planer', { 'accept-encoding': 'identity' })).bytes, 'T6M-A')?.values[KEY];
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

  test('when another replica changes a value, then the kept classes here show it within the notification\'s delay', async () => {
    await waitFor(() => service.deps.maps.version.listening(), 10_000, 'the map version heard');
    await valueOfA();
    await changeElsewhere(11);
    await waitFor(async () => (await valueOfA())?.value === 11, 2_000, 'the other replica\'s change shown');
  });

  test('when the listening connection is lost, then every request reads the versions (another replica\'s change shows at once), and memory serves again once it listens', async () => {
    await waitFor(() => service.deps.maps.version.listening(), 10_000, 'the map version heard');
    await changeElsewhere(12);
    await waitFor(async () => (await valueOfA())?.value === 12, 2_000, 'the change shown');
    const killer = await connectAsAnotherReplica(service.deps.config.DATABASE_URL, 'monitoring');
    try {
      // Every monitoring process listening in this database: the others read per request until they listen again.
      await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'monitoring map version'`);
    } finally {
      await killer.end();
    }
    await waitFor(() => !service.deps.maps.version.listening(), 5_000, 'the loss noticed');
    // No notification can come now: only a read per request shows the change at the very next answer.
    await changeElsewhere(13);
    expect(await valueOfA()).toMatchObject({ value: 13 });
    await waitFor(() => service.deps.maps.version.listening(), 10_000, 'listening again');
    await changeElsewhere(14);
    await waitFor(async () => (await valueOfA())?.value === 14, 2_000, 'a change heard again');
  });
});
