import { freePort } from '@sozialraum/kit/testing';
import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';
import { createSpaces, type MonitoringService, seedValues, startMonitoring } from './helpers/monitoring';

/** Evaluations read the observed change from the real monitoring service, with the service's own token. */
let monitoring: MonitoringService;
let service: MeasuresService;
const run = runId();
const [a, b, c] = ['A', 'B', 'C'].map((s) => `EV${run}-${s}`) as [string, string, string];
/** 100 residents: the monitoring service withholds its values from everyone without raw-data. */
const small = `EV${run}-S`;
const alq = `ev_alq_${run}`;
const ehr = `ev_ehr_${run}`;
const cases = `ev_cases_${run}`;

beforeAll(async () => {
  monitoring = await startMonitoring();
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false', MONITORING_URL: monitoring.url });
  await createSpaces(monitoring, [a, b, c].map((code) => ({ code, name: `Raum ${code}`, type: 'social-space', population: 5000 })));
  await createSpaces(monitoring, [{ code: small, name: `Raum ${small}`, type: 'social-space', population: 100 }]);
  await seedValues(
    monitoring,
    `ev-${run}`,
    [{ key: alq, polarity: 'higher-is-worse' }, { key: ehr, polarity: 'higher-is-better' }],
    [
      [a, alq, '2020', 10], [a, alq, '2023', 8],
      [b, alq, '2020', 12], [b, alq, '2023', 13],
      [c, alq, '2020', 5], [c, alq, '2023', 5],
      [a, ehr, '2020', 3], [a, ehr, '2023', 4],
      [b, ehr, '2020', 2],
      [small, alq, '2020', 9], [small, alq, '2023', 7],
    ],
  );
  // A count of 2 cases is withheld (fewer than 3).
  await seedValues(monitoring, `ev-cases-${run}`, [{ key: cases, polarity: 'higher-is-worse', kind: 'count' }], [[a, cases, '2020', 30], [a, cases, '2023', 2]]);
});
afterAll(async () => {
  await service.close();
  await monitoring.close();
});

const started = async (fields: Record<string, unknown> = {}) => {
  const measure = await propose(service, { department: 'soziales', spaces: [a, b], indicators: [{ key: alq, direction: 'down' }, { key: ehr, direction: 'up' }], ...fields });
  await moveTo(service, measure.id, ['approved', 'in-progress']);
  return measure.id;
};

describe('evaluating a measure', () => {
  test('when the department evaluates, then the observed change of each indicator in the measure’s spaces is stored and judged', async () => {
    const id = await started();
    const response = await as(service, 'soziales').post(`/v1/measures/${id}/evaluation`, {
      outcome: 'Mehr Menschen in Arbeit vermittelt.',
      recommendation: 'adapt',
      lessons: 'Früher mit den Trägern sprechen.',
      from: '2020',
      to: '2023',
      spaceType: 'social-space',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ outcome: 'Mehr Menschen in Arbeit vermittelt.', recommendation: 'adapt', from: '2020', to: '2023', spaceType: 'social-space' });
    expect(response.body.observed).toEqual([
      {
        key: alq,
        direction: 'down',
        verdict: 'mixed',
        spaces: [
          { spaceCode: a, spaceName: `Raum ${a}`, from: 10, to: 8, change: -2, asExpected: true },
          { spaceCode: b, spaceName: `Raum ${b}`, from: 12, to: 13, change: 1, asExpected: false },
        ],
      },
      {
        key: ehr,
        direction: 'up',
        verdict: 'as-expected',
        spaces: [
          { spaceCode: a, spaceName: `Raum ${a}`, from: 3, to: 4, change: 1, asExpected: true },
          { spaceCode: b, spaceName: `Raum ${b}`, from: 2, to: null, change: null, asExpected: null },
        ],
      },
    ]);
    const measure = (await as(service, 'soziales').get(`/v1/measures/${id}`)).body;
    expect(measure.evaluation).toEqual(response.body);
    const trail = (await as(service, 'soziales').get(`/v1/measures/${id}/audit`)).body.items;
    expect(trail[trail.length - 1]).toMatchObject({ entity: 'evaluation', action: 'created', after: { recommendation: 'adapt' } });
    const { rows } = await service.deps.pool.query(`SELECT type, payload FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [id]);
    expect(rows.map((r) => r.type)).toEqual(['measure.status-changed', 'measure.status-changed', 'measure.evaluation-filed']);
    expect(rows[2].payload).toEqual({ measureId: id, cycleId: null, department: 'soziales', recommendation: 'adapt' });

    const again = await as(service, 'soziales').post(`/v1/measures/${id}/evaluation`, { outcome: 'nochmal', recommendation: 'stop', from: '2020', to: '2023' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/evaluated already/);
  });

  test('when a value in the measure’s spaces is confidential, then the evaluation holds neither it nor its change, even when a planner with raw-data files it', async () => {
    const id = await started({ spaces: [a, small], indicators: [{ key: alq, direction: 'down' }, { key: cases, direction: 'down' }] });
    const response = await as(service, 'planer').post(`/v1/measures/${id}/evaluation`, { outcome: 'x', recommendation: 'continue', from: '2020', to: '2023' });
    expect(response.status).toBe(201);
    const [unemployment, counted] = response.body.observed;
    expect(unemployment.spaces).toEqual([
      { spaceCode: a, spaceName: `Raum ${a}`, from: 10, to: 8, change: -2, asExpected: true },
      { spaceCode: small, spaceName: `Raum ${small}`, from: null, to: null, change: null, asExpected: null },
    ]);
    // 30 cases, then a withheld 2: no change, so 30 + change cannot give the 2 back, and the verdict has nothing to go on.
    expect(counted).toMatchObject({
      verdict: 'unknown',
      spaces: [
        { spaceCode: a, from: 30, to: null, change: null, asExpected: null },
        { spaceCode: small, from: null, to: null, change: null, asExpected: null },
      ],
    });
    expect((await as(service, 'soziales').get(`/v1/measures/${id}`)).body.evaluation.observed).toEqual(response.body.observed);
  });

  test('when the measure has not started, the periods are reversed or an indicator is unknown, then the problem says what to fix', async () => {
    const proposed = await propose(service, { department: 'soziales', spaces: [a] });
    const early = await as(service, 'planer').post(`/v1/measures/${proposed.id}/evaluation`, { outcome: 'x', recommendation: 'continue', from: '2020', to: '2023' });
    expect(early.status).toBe(409);
    expect(early.body.allowedStatuses).toEqual(['in-progress', 'paused', 'completed', 'cancelled']);

    const id = await started();
    const reversed = await as(service, 'planer').post(`/v1/measures/${id}/evaluation`, { outcome: 'x', recommendation: 'continue', from: '2023', to: '2020' });
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].pointer).toBe('/body/to');
    const badPeriod = await as(service, 'planer').post(`/v1/measures/${id}/evaluation`, { outcome: 'x', recommendation: 'continue', from: 'letztes Jahr', to: '2023' });
    expect(badPeriod.status).toBe(400);

    const unknown = await started({ indicators: [{ key: `unknown_${run}`, direction: 'up' }] });
    const response = await as(service, 'planer').post(`/v1/measures/${unknown}/evaluation`, { outcome: 'x', recommendation: 'stop', from: '2020', to: '2023' });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain(`unknown_${run}`);
    expect((await as(service, 'planer').get(`/v1/measures/${unknown}`)).body.evaluation).toBeNull();
  });

  test('when the monitoring service cannot be reached, then 503 asks to try again and nothing is stored', async () => {
    const unreachable = await startMeasures({ RUN_OUTBOX_RELAY: 'false', MONITORING_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const id = await started();
      const response = await as(unreachable, 'planer').post(`/v1/measures/${id}/evaluation`, { outcome: 'x', recommendation: 'stop', from: '2020', to: '2023' });
      expect(response.status).toBe(503);
      expect(response.body.detail).toMatch(/monitoring service could not be reached/);
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect((await as(service, 'planer').get(`/v1/measures/${id}`)).body.evaluation).toBeNull();
    } finally {
      await unreachable.close();
    }
  });
});
