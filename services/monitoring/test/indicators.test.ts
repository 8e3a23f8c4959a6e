import { call, userToken } from '@sozialraum/kit/testing';
import { type MonitoringService, runId, startMonitoring } from './helpers/monitoring';

let service: MonitoringService;
let planer: string;
let gast: string;
const run = runId();
const url = (path: string) => `${service.url}${path}`;
const input = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: 'Arbeitslosenquote',
  definition: 'Arbeitslose je 100 Einwohner von 15 bis unter 65 Jahren',
  unit: '%',
  source: 'Bundesagentur für Arbeit',
  polarity: 'higher-is-worse',
  topic: `arbeit-${run}`,
  targetGroups: ['job-seeking', 'poor'],
  kind: 'share',
  ...extra,
});

beforeAll(async () => {
  service = await startMonitoring();
  [planer, gast] = await Promise.all([userToken('planer'), userToken('gast')]);
});
afterAll(() => service.close());

describe('the indicator catalogue', () => {
  test('when a planner adds an indicator, then everyone signed in reads it', async () => {
    const key = `test.unemployment.${run}`;
    const created = await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(key) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/indicators/${key}`);
    expect(created.body).toEqual({ ...input(key), minValue: null, maxValue: null, changeOf: null, changeYears: null, version: 1 });

    const read = await call(url(`/v1/indicators/${key}`), { token: gast });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  test('when the list is filtered by topic or target group, then only matching indicators come, ordered by key', async () => {
    const keys = [`test.b.${run}`, `test.a.${run}`];
    await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(keys[0]!, { targetGroups: ['old'] }) });
    await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(keys[1]!, { targetGroups: ['children'] }) });

    const byTopic = await call(url(`/v1/indicators?topic=arbeit-${run}`), { token: gast });
    expect(byTopic.status).toBe(200);
    expect(byTopic.body.items.map((i: { key: string }) => i.key)).toEqual([...keys].sort().concat(`test.unemployment.${run}`).sort());
    const byGroup = await call(url('/v1/indicators?targetGroup=old'), { token: gast });
    expect(byGroup.body.items.map((i: { key: string }) => i.key)).toContain(keys[0]);
    expect(byGroup.body.items.map((i: { key: string }) => i.key)).not.toContain(keys[1]);
  });

  test('when a key contains "/" (source_table/measure), then it is read with %2F', async () => {
    const key = `test_table_${run}/measure`;
    expect((await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(key) })).status).toBe(201);
    const read = await call(url(`/v1/indicators/${encodeURIComponent(key)}`), { token: gast });
    expect(read.status).toBe(200);
    expect(read.body.key).toBe(key);
  });

  test('when a key is already taken, then 409 says to PATCH instead', async () => {
    const key = `test.dup.${run}`;
    await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(key) });
    const again = await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(key) });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.detail).toContain(`already has an indicator "${key}"`);
  });

  test('when minValue is above maxValue or the key or target group is malformed, then the planner gets 422 or 400', async () => {
    const bounds = await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(`test.bounds.${run}`, { minValue: 10, maxValue: 5 }) });
    expect(bounds.status).toBe(422);
    expect(bounds.body.detail).toBe('minValue (10) must not be greater than maxValue (5).');

    const badKey = await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input('has space') });
    expect(badKey.status).toBe(400);
    const badGroup = await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(`test.g.${run}`, { targetGroups: ['students'] }) });
    expect(badGroup.status).toBe(400);
  });

  test('when someone who is not a planner writes, then 403', async () => {
    for (const user of ['gast', 'koordination', 'soziales']) {
      const token = await userToken(user);
      expect((await call(url('/v1/indicators'), { token, method: 'POST', body: input(`test.no.${run}`) })).status).toBe(403);
      expect((await call(url(`/v1/indicators/test.unemployment.${run}`), { token, method: 'PATCH', body: { version: 1, name: 'x' } })).status).toBe(403);
    }
    expect((await call(url(`/v1/indicators/test.no.${run}`), { token: gast })).status).toBe(404);
  });
});

describe('changing an indicator', () => {
  const key = `test.patch.${run}`;
  beforeAll(async () => {
    await call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(key, { minValue: 0, maxValue: 100 }) });
  });

  test('when the planner sends the version read, then the change is saved and the version goes up', async () => {
    const changed = await call(url(`/v1/indicators/${key}`), { token: planer, method: 'PATCH', body: { version: 1, name: 'SGB-II-Quote', targetGroups: ['poor'], maxValue: null } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ key, name: 'SGB-II-Quote', targetGroups: ['poor'], minValue: 0, maxValue: null, unit: '%', version: 2 });
  });

  test('when the version is stale, then 409 names the current one and nothing changes', async () => {
    const stale = await call(url(`/v1/indicators/${key}`), { token: planer, method: 'PATCH', body: { version: 1, name: 'Überschrieben' } });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('you sent version 1, it is now 2');
    expect(stale.body.currentVersion).toBe(2);
    expect((await call(url(`/v1/indicators/${key}`), { token: gast })).body.name).toBe('SGB-II-Quote');
  });

  test('when the change would put minValue above the stored maxValue, then 422', async () => {
    await call(url(`/v1/indicators/${key}`), { token: planer, method: 'PATCH', body: { version: 2, maxValue: 50 } });
    const bad = await call(url(`/v1/indicators/${key}`), { token: planer, method: 'PATCH', body: { version: 3, minValue: 60 } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toBe('minValue (60) must not be greater than maxValue (50).');
  });

  test('when an indicator is declared the change of another, then both fields are needed and the other must exist', async () => {
    const change = `test.change.${run}`;
    const post = (extra: Record<string, unknown>) => call(url('/v1/indicators'), { token: planer, method: 'POST', body: input(change, extra) });
    expect((await post({ changeOf: key })).status).toBe(422);
    expect((await post({ changeOf: `nope.${run}`, changeYears: 2 })).body.detail).toContain(`no indicator "nope.${run}"`);
    expect((await post({ changeOf: change, changeYears: 2 })).body.detail).toContain('cannot be the change of itself');
    const created = await post({ changeOf: key, changeYears: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ changeOf: key, changeYears: 2 });
    const cleared = await call(url(`/v1/indicators/${change}`), { token: planer, method: 'PATCH', body: { version: 1, changeOf: null, changeYears: null } });
    expect(cleared.body).toMatchObject({ changeOf: null, changeYears: null, version: 2 });
    const half = await call(url(`/v1/indicators/${change}`), { token: planer, method: 'PATCH', body: { version: 2, changeYears: 3 } });
    expect(half.status).toBe(422);
  });

  test('when the indicator does not exist or the version is missing, then 404 or 400', async () => {
    expect((await call(url(`/v1/indicators/nope.${run}`), { token: planer, method: 'PATCH', body: { version: 1, name: 'x' } })).status).toBe(404);
    expect((await call(url(`/v1/indicators/${key}`), { token: planer, method: 'PATCH', body: { name: 'x' } })).status).toBe(400);
  });
});
