import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';
import { createSpaces, flensburgPoints, type MonitoringService, seedValues, square, startMonitoring } from './helpers/monitoring';

/**
 * The register of offers: the space of an offer comes from the monitoring service's geometry (Flensburg's
 * real Stadtteile; koordination coordinates STGT01, STGT03 and STGT08), and the gap view from its profiles.
 */
let monitoring: MonitoringService;
let service: MeasuresService;
let points: Map<string, [number, number]>;
let providerId: string;
const run = runId();
const at = (code: string) => ({ type: 'Point', coordinates: points.get(code) as [number, number] });

beforeAll(async () => {
  // Jobs on: the Stadtteile are imported through the monitoring API when the database has no geometry yet.
  monitoring = await startMonitoring({ RUN_JOBS: 'true' });
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false', MONITORING_URL: monitoring.url });
  points = await flensburgPoints(monitoring, ['STGT01', 'STGT02', 'STGT03']);
  providerId = (await as(service, 'koordination').post('/v1/providers', { name: `Nachbarschaftsverein ${run}`, kind: 'association' })).body.id;
}, 120_000);
afterAll(async () => {
  await service.close();
  await monitoring.close();
});

const offer = (fields: Record<string, unknown> = {}) => ({
  title: `Nachbarschaftstreff ${run}`,
  kind: 'meeting-place',
  providerId,
  targetGroups: ['old', 'families'],
  schedule: 'Di und Do 10–12 Uhr',
  contact: 'treff@verein.example',
  location: at('STGT01'),
  ...fields,
});

describe('providers', () => {
  test('when a coordinator registers and changes a provider, then it is versioned; department staff cannot register one', async () => {
    const created = await as(service, 'koordination').post('/v1/providers', { name: ` Diakonie ${run} `, kind: 'church', contact: 'info@diakonie.example' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: `Diakonie ${run}`, kind: 'church', version: 1 });
    const changed = await as(service, 'planer').patch(`/v1/providers/${created.body.id}`, { version: 1, contact: 'neu@diakonie.example' });
    expect(changed.body).toMatchObject({ contact: 'neu@diakonie.example', version: 2 });
    expect((await as(service, 'koordination').patch(`/v1/providers/${created.body.id}`, { version: 1, name: 'x' })).status).toBe(409);
    expect((await as(service, 'soziales').post('/v1/providers', { name: 'x', kind: 'other' })).status).toBe(403);
    expect((await as(service, 'gast').get(`/v1/providers?q=${encodeURIComponent(`Diakonie ${run}`)}`)).body.items).toHaveLength(1);
    expect((await as(service, 'planer').post('/v1/providers', { name: 'x', kind: 'bank' })).status).toBe(400);
  });
});

describe('offers', () => {
  test('when a coordinator adds an offer in their space, then its space is derived from the location and the change is audited', async () => {
    const measure = await propose(service, { title: 'Treffpunkte stärken', spaces: ['STGT01'] });
    const created = await as(service, 'koordination').post('/v1/offers', offer({ measureIds: [measure.id] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      spaceCode: 'STGT01',
      provider: { id: providerId, name: `Nachbarschaftsverein ${run}`, kind: 'association' },
      location: { type: 'Point' },
      measureIds: [measure.id],
      version: 1,
    });
    expect(created.body.location.coordinates[0]).toBeCloseTo(points.get('STGT01')![0], 6);
    expect((await as(service, 'gast').get(`/v1/offers?measure=${measure.id}`)).body.items.map((o: { id: string }) => o.id)).toEqual([created.body.id]);
    expect((await as(service, 'soziales').get(`/v1/offers/${created.body.id}`)).status).toBe(200);
    const trail = await as(service, 'planer').get('/v1/audit?entity=offer&limit=10');
    expect(trail.body.items.find((e: { entityId: string }) => e.entityId === created.body.id)).toMatchObject({ action: 'created', before: null, after: { spaceCode: 'STGT01' } });
  });

  test('when the space is typed in, or the location lies outside every space, then the offer is refused with a reason', async () => {
    const typed = await as(service, 'koordination').post('/v1/offers', offer({ spaceCode: 'STGT08' }));
    expect(typed.status).toBe(400);
    expect(typed.body.detail).toMatch(/spaceCode/);
    const atSea = await as(service, 'planer').post('/v1/offers', offer({ location: { type: 'Point', coordinates: [-30, 0] } }));
    expect(atSea.status).toBe(422);
    expect(atSea.body.detail).toMatch(/lies in no social-space/);
    const swapped = await as(service, 'planer').post('/v1/offers', offer({ location: { type: 'Point', coordinates: [54.78, 190] } }));
    expect(swapped.status).toBe(400);
    const noProvider = await as(service, 'planer').post('/v1/offers', offer({ providerId: '00000000-0000-4000-8000-000000000000' }));
    expect(noProvider.status).toBe(422);
    expect(noProvider.body.errors[0].pointer).toBe('/body/providerId');
  });

  test('when a coordinator places an offer outside their spaces, then 403 names the space; department staff cannot add offers', async () => {
    const elsewhere = await as(service, 'koordination').post('/v1/offers', offer({ location: at('STGT02') }));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.detail).toMatch(/^The location lies in space STGT02; you coordinate STGT01, STGT03, STGT08/);
    expect((await as(service, 'soziales').post('/v1/offers', offer())).status).toBe(403);
    expect((await as(service, 'planer').post('/v1/offers', offer({ location: at('STGT02') }))).body.spaceCode).toBe('STGT02');
  });

  test('when the location changes, then the space is derived again; a coordinator cannot move an offer out of their spaces', async () => {
    const created = (await as(service, 'koordination').post('/v1/offers', offer())).body;
    const moved = await as(service, 'koordination').patch(`/v1/offers/${created.id}`, { version: 1, location: at('STGT03') });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ spaceCode: 'STGT03', version: 2 });
    expect(new Date(moved.body.spaceLocatedAt).getTime()).toBeGreaterThan(new Date(created.spaceLocatedAt).getTime());
    const renamed = await as(service, 'koordination').patch(`/v1/offers/${created.id}`, { version: 2, schedule: 'Mo 9–11 Uhr' });
    expect(renamed.body).toMatchObject({ schedule: 'Mo 9–11 Uhr', spaceCode: 'STGT03', spaceLocatedAt: moved.body.spaceLocatedAt });
    expect((await as(service, 'koordination').patch(`/v1/offers/${created.id}`, { version: 3, location: at('STGT02') })).status).toBe(403);
    expect((await as(service, 'koordination').patch(`/v1/offers/${created.id}`, { version: 2, title: 'alt' })).status).toBe(409);
    const movedAway = await as(service, 'planer').patch(`/v1/offers/${created.id}`, { version: 3, location: at('STGT02') });
    expect(movedAway.body.spaceCode).toBe('STGT02');
    expect((await as(service, 'koordination').delete(`/v1/offers/${created.id}`)).status).toBe(403);
    expect((await as(service, 'planer').delete(`/v1/offers/${created.id}`)).status).toBe(204);
    expect((await as(service, 'planer').get(`/v1/offers/${created.id}`)).status).toBe(404);
    const trail = (await as(service, 'planer').get('/v1/audit?entity=offer&limit=20')).body.items.filter((e: { entityId: string }) => e.entityId === created.id);
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['deleted', 'changed', 'changed', 'changed', 'created']);
  });
});

describe('the gap view', () => {
  const [a, b] = [`GP${run}-A`, `GP${run}-B`];
  const key = (name: string) => `gp_${name}_${run}`;
  // Somewhere in the Southern Ocean no other run's squares cover (a database may keep earlier runs' spaces).
  const [lon, lat] = [100 + Math.random() * 70, -60 + Math.random() * 20];

  beforeAll(async () => {
    await createSpaces(monitoring, [
      { code: a, name: 'Lückenraum A', type: 'social-space', population: 5000, geometry: square(lon, lat, 0.05) },
      { code: b, name: 'Lückenraum B', type: 'social-space', population: 5000, geometry: square(lon + 0.05, lat, 0.05) },
      { code: `GP${run}-C`, name: 'Lückenraum C', type: 'social-space', population: 5000 },
    ]);
    await seedValues(
      monitoring,
      `gp-${run}`,
      [
        { key: key('armut'), polarity: 'higher-is-worse', targetGroups: ['old', 'poor'] },
        { key: key('teilhabe'), polarity: 'higher-is-better', targetGroups: ['youth'] },
        { key: key('kinder'), polarity: 'higher-is-worse', targetGroups: ['families'] },
        { key: key('neutral'), polarity: 'neutral', targetGroups: ['homeless'] },
        { key: key('zuzug'), polarity: 'higher-is-worse', targetGroups: ['refugees'] },
      ],
      [
        [a, key('armut'), '2022', 2], [a, key('armut'), '2023', 10], [b, key('armut'), '2023', 5], [`GP${run}-C`, key('armut'), '2023', 3],
        [a, key('teilhabe'), '2023', 1], [b, key('teilhabe'), '2023', 5], [`GP${run}-C`, key('teilhabe'), '2023', 6],
        [a, key('kinder'), '2023', 1], [b, key('kinder'), '2023', 5], [`GP${run}-C`, key('kinder'), '2023', 6],
        [a, key('neutral'), '2023', 9], [b, key('neutral'), '2023', 1],
        [a, key('zuzug'), '2021', 1], [a, key('zuzug'), '2022', 2], [a, key('zuzug'), '2023', 3], [b, key('zuzug'), '2023', 4], [`GP${run}-C`, key('zuzug'), '2023', 6],
      ],
    );
    // An open alert on an indicator whose latest value is below the mean but has worsened two years running: its
    // target groups are under pressure too. Written as the evaluation writes it; monitoring confirms it from the
    // values the measures service (a disclosed caller) may see.
    const evidence = { kind: 'worsening', periods: 2, polarity: 'higher-is-worse', series: [['2021', 1], ['2022', 2], ['2023', 3]].map(([period, value]) => ({ period, value })) };
    await monitoring.deps.pool.query(
      `INSERT INTO alert (rule_key, space_id, period, indicator_key, message, evidence)
       SELECT 'worsening', id, '2023', $2, 'Zuzug hat sich 2 Perioden in Folge verschlechtert', $3 FROM space WHERE code = $1 AND valid_until IS NULL`,
      [a, key('zuzug'), JSON.stringify(evidence)],
    );
    // Covered: "old" by an offer, "poor" by a measure in progress; a rejected measure does not cover "youth".
    const place = { type: 'Point', coordinates: [lon + 0.01, lat + 0.01] };
    expect((await as(service, 'planer').post('/v1/offers', offer({ location: place, targetGroups: ['old'] }))).body.spaceCode).toBe(a);
    const running = await propose(service, { spaces: [a], targetGroups: ['poor'] });
    await moveTo(service, running.id, ['approved', 'in-progress']);
    const rejected = await propose(service, { spaces: [a], targetGroups: ['youth'] });
    await moveTo(service, rejected.id, ['rejected']);
  });

  test('when a coordinator opens the gap view of a space, then the groups under pressure without offer or measure come first', async () => {
    const response = await as(service, 'koordination').get(`/v1/gaps/${a}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ spaceCode: a, spaceName: 'Lückenraum A' });
    const items = response.body.items;
    expect(items.map((i: { targetGroup: string; gap: boolean; offers: number; measures: number }) => [i.targetGroup, i.gap, i.offers, i.measures])).toEqual([
      ['refugees', true, 0, 0],
      ['youth', true, 0, 0],
      ['old', false, 1, 0],
      ['poor', false, 0, 1],
    ]);
    expect(items[0]).toMatchObject({ pressure: [] });
    expect(items[0].alerts).toEqual([expect.objectContaining({ ruleKey: 'worsening', indicatorKey: key('zuzug'), message: 'Zuzug hat sich 2 Perioden in Folge verschlechtert' })]);
    expect(items[1].pressure).toEqual([{ indicatorKey: key('teilhabe'), name: key('teilhabe'), period: '2023', value: 1, cityMean: 4, polarity: 'higher-is-better' }]);
    expect(items[2].pressure).toEqual([{ indicatorKey: key('armut'), name: key('armut'), period: '2023', value: 10, cityMean: 6, polarity: 'higher-is-worse' }]);
  });

  test('when another space is better off, then only its own pressure shows; department staff get 403, an unknown space 404', async () => {
    const other = await as(service, 'planer').get(`/v1/gaps/${b}`);
    expect(other.body.items.map((i: { targetGroup: string }) => i.targetGroup)).toEqual(['families']);
    expect((await as(service, 'soziales').get(`/v1/gaps/${a}`)).status).toBe(403);
    const unknown = await as(service, 'lenkung').get(`/v1/gaps/GP${run}-NONE`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain(`GP${run}-NONE`);
  });
});
