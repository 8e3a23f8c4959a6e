import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

/**
 * Measure.permissions tells the web app what to offer. These tests hold it to the endpoints: every action it
 * allows succeeds, every action it denies is refused (403, or 409 for the status), for each kind of user and
 * each stage of a measure.
 */
let service: MeasuresService;
const run = runId();
const cycle = `cycle-PE${run}-1`;

beforeAll(async () => {
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
});
afterAll(() => service.close());

type Stage = 'proposed' | 'approved' | 'in-progress' | 'completed';
const path: Record<Stage, string[]> = { proposed: [], approved: ['approved'], 'in-progress': ['approved', 'in-progress'], completed: ['approved', 'in-progress', 'completed'] };

/** A soziales measure in the given stage, with a milestone; the planner moves it there. */
async function measureIn(stage: Stage): Promise<string> {
  const { id } = await propose(service, { title: `In ${stage}`, department: 'soziales', cycleId: cycle, needs: ['begegnung'], goals: ['ziel-1'], milestones: [{ title: 'M', dueOn: '2099-01-01' }] });
  await moveTo(service, id, path[stage]);
  return id;
}

interface Permissions { edit: boolean; fileReport: boolean; evaluate: boolean; manageMilestones: boolean; readAudit: boolean; transitions: string[] }
const read = async (user: string, id: string) => (await as(service, user).get(`/v1/measures/${id}`)).body as { version: number; allowedTransitions: string[]; permissions: Permissions };

/** Each action as the user would take it from the measure page. */
const actions = {
  edit: async (user: string, id: string) => as(service, user).patch(`/v1/measures/${id}`, { version: (await read('planer', id)).version, title: 'Geändert' }),
  fileReport: (user: string, id: string) => as(service, user).post(`/v1/measures/${id}/reports`, { text: 'Stand', progress: 50, trafficLight: 'yellow' }),
  evaluate: (user: string, id: string) => as(service, user).post(`/v1/measures/${id}/evaluation`, { outcome: 'Gut', recommendation: 'continue', from: '2020', to: '2022' }),
  manageMilestones: (user: string, id: string) => as(service, user).post(`/v1/measures/${id}/milestones`, { title: 'Neu', dueOn: '2099-02-01' }),
  readAudit: (user: string, id: string) => as(service, user).get(`/v1/measures/${id}/audit`),
};
const transition = async (user: string, id: string, to: string) =>
  as(service, user).post(`/v1/measures/${id}/transitions`, { to, version: (await read('planer', id)).version, reason: 'Test' });

const none = { edit: false, fileReport: false, evaluate: false, manageMilestones: false, readAudit: false, transitions: [] };

describe('what the caller may do with a measure', () => {
  test('when a coordinator reads a measure of their space, then they may do nothing with it, and the endpoints agree', async () => {
    const id = await measureIn('in-progress');
    const view = await read('koordination', id);
    expect(view.allowedTransitions).toEqual(['completed', 'paused', 'cancelled']);
    expect(view.permissions).toEqual(none);
    expect((await actions.fileReport('koordination', id)).status).toBe(403);
    expect((await actions.readAudit('koordination', id)).status).toBe(403);
  });

  test('when the steering committee reads a proposal, then it may decide it and nothing else', async () => {
    const id = await measureIn('proposed');
    expect((await read('lenkung', id)).permissions).toEqual({ ...none, transitions: ['approved', 'rejected', 'returned'] });
    expect((await read('lenkung', await measureIn('approved'))).permissions).toEqual(none);
  });

  test('when the department reads its own measure, then it may work on it but not decide it; reports and evaluation follow the status', async () => {
    expect((await read('soziales', await measureIn('proposed'))).permissions).toEqual({ edit: true, fileReport: false, evaluate: false, manageMilestones: true, readAudit: true, transitions: [] });
    expect((await read('soziales', await measureIn('approved'))).permissions).toEqual({ edit: true, fileReport: true, evaluate: false, manageMilestones: true, readAudit: true, transitions: ['in-progress'] });
    const started = await measureIn('in-progress');
    expect((await read('soziales', started)).permissions).toEqual({ edit: true, fileReport: true, evaluate: true, manageMilestones: true, readAudit: true, transitions: ['completed', 'paused', 'cancelled'] });
    expect((await actions.evaluate('soziales', started)).status).toBe(201);
    expect((await read('soziales', started)).permissions.evaluate).toBe(false);
    expect((await actions.evaluate('soziales', started)).status).toBe(409);
  });

  test('when another department or a viewer asks, then the measure does not exist for them (no permissions to show)', async () => {
    const id = await measureIn('approved');
    for (const user of ['jugend', 'gast']) expect((await as(service, user).get(`/v1/measures/${id}`)).status).toBe(404);
  });

  test('when a measure is read, then it carries its cycle, needs and goals for the page to link to the cycle', async () => {
    const view = (await as(service, 'koordination').get(`/v1/measures/${await measureIn('proposed')}`)).body;
    expect(view).toMatchObject({ cycleId: cycle, needs: ['begegnung'], goals: ['ziel-1'] });
  });

  test.each(['planer', 'lenkung', 'koordination', 'soziales'])('when %s tries every action in every stage, then exactly what permissions allow succeeds', async (user) => {
    for (const stage of ['proposed', 'approved', 'in-progress', 'completed'] as const) {
      const shared = await measureIn(stage);
      const before = await read('planer', shared);
      const { permissions, allowedTransitions } = await read(user, shared);
      const where = (action: string) => `${user} ${stage} ${action}`;
      // Allowed changes each on a measure of their own in the same stage; refusals all on the shared one.
      for (const [name, act] of Object.entries(actions)) {
        const allowed = permissions[name as keyof typeof actions];
        const response = await act(user, allowed ? await measureIn(stage) : shared);
        const outcome = response.status < 300 ? 'done' : [403, 409].includes(response.status) ? 'refused' : response.status;
        expect([where(name), outcome]).toEqual([where(name), allowed ? 'done' : 'refused']);
      }
      for (const to of allowedTransitions) {
        const allowed = permissions.transitions.includes(to);
        const response = await transition(user, allowed ? await measureIn(stage) : shared, to);
        expect([where(`→ ${to}`), response.status]).toEqual([where(`→ ${to}`), allowed ? 200 : 403]);
      }
      expect(await read('planer', shared)).toEqual(before);
    }
  });
});
