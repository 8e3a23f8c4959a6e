import { MEASURE_EVENTS, type MeasureEvent } from '@sozialraum/contracts';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { stackEnv, testLogger } from '@sozialraum/kit/testing';
import type { Client } from '@temporalio/client';
import { createStrategyActivities } from '../src/activities';
import { measureCopy, recordProposal } from '../src/activities/measure-copy';

/**
 * The cycle's copy of its measures (strategy.measure_proposal) follows the measures service's events, in the
 * order the service wrote them, whatever order they arrive in; the workflow's own writes then step aside.
 */
let pool: Pool;
/** The activities as the service's worker runs them; these two touch only the database. */
const activities = () =>
  createStrategyActivities({
    pool, notify: async () => undefined, logger: testLogger(), temporal: {} as Client,
  });
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const cycleId = `cycle-ME${run}-1`;
const measureId = `m-${run}`;

beforeAll(async () => {
  pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema: 'strategy' });
  await activities().recordCycle({ cycleId, spaceCode: `ME${run}`, number: 1, startedBy: { id: 'u', name: 'Paula Planer' }, at: new Date().toISOString() });
  await recordProposal(pool, { id: measureId, cycleId, department: 'soziales', measure: { needKey: 'beratung', title: 'Beratung', description: 'Sprechstunde' } });
});
afterAll(() => pool.end());

const copy = async () =>
  (await pool.query(`SELECT status, progress, traffic_light, last_event_id FROM measure_proposal WHERE id = $1`, [measureId])).rows[0];
const event = (eventId: number, fields: Partial<MeasureEvent>): MeasureEvent => ({ eventId, type: MEASURE_EVENTS.statusChanged, cycleId, measureId, occurredAt: new Date().toISOString(), ...fields });

test('when status and report events arrive out of order or twice, then the copy shows the newest of each, and the workflow’s own writes step aside', async () => {
  const { recordMeasureEvent } = activities();
  await recordMeasureEvent(event(10, { from: 'approved', status: 'in-progress' }));
  await recordMeasureEvent(event(12, { from: 'in-progress', status: 'paused', reason: 'Personal fehlt' }));
  await recordMeasureEvent(event(11, { type: MEASURE_EVENTS.reportFiled, progress: 30, trafficLight: 'yellow' })); // late: older than 12
  await recordMeasureEvent(event(12, { from: 'in-progress', status: 'paused' })); // again
  expect(await copy()).toEqual({ status: 'paused', progress: 0, traffic_light: null, last_event_id: 12 });

  await recordMeasureEvent(event(13, { type: MEASURE_EVENTS.reportFiled, progress: 50, trafficLight: 'red' }));
  expect(await copy()).toMatchObject({ status: 'paused', progress: 50, traffic_light: 'red' });

  // A report task completed in the workflow would write "in-progress": the service's events say otherwise.
  await measureCopy(pool).reportMeasures({ reports: [{ measureId, progress: 60, trafficLight: 'green', text: 'x', finished: false }] });
  expect(await copy()).toMatchObject({ status: 'paused', progress: 50, last_event_id: 13 });
});
