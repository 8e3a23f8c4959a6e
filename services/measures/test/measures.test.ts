import { as, type MeasuresService, moveTo, propose, runId, startMeasures } from './helpers/measures';

let service: MeasuresService;
const run = runId();
const cycle = `cycle-T${run}-1`;

beforeAll(async () => {
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
});
afterAll(() => service.close());

const planer = () => as(service, 'planer');

describe('proposing and changing a measure', () => {
  test('when a planner proposes a measure with every field, then it is stored as proposed with version 1 and shown back', async () => {
    const provider = await planer().post('/v1/providers', { name: `Träger ${run}`, kind: 'welfare', contact: 'info@traeger.example' });
    expect(provider.status).toBe(201);
    const input = {
      title: 'Stadtteilcafé als Treffpunkt',
      description: 'Ein offener Treffpunkt für ältere Menschen.',
      cycleId: cycle,
      spaces: ['STGT02', 'STGT03'],
      goals: ['goal-1'],
      needs: ['begegnung'],
      targetGroups: ['old', 'poor'],
      department: 'soziales',
      partners: ['Seniorenbeirat'],
      providerIds: [provider.body.id],
      budget: { planned: 12000.5, spent: 0, fundingSource: 'Städtischer Haushalt' },
      startsOn: '2025-01-01',
      endsOn: '2026-12-31',
      indicators: [{ key: 'altersarmut', direction: 'down' }],
      milestones: [{ title: 'Räume gefunden', dueOn: '2099-03-01' }, { title: 'Eröffnung', dueOn: '2099-06-01' }],
    };
    const created = await planer().post('/v1/measures', input);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/measures/${created.body.id}`);
    const { milestones: _m, ...fields } = input;
    expect(created.body).toMatchObject({
      ...fields,
      budget: { planned: 12000.5, approved: null, spent: 0, fundingSource: 'Städtischer Haushalt' },
      status: 'proposed',
      allowedTransitions: ['approved', 'rejected', 'returned'],
      version: 1,
      progress: 0,
      progressSource: 'milestones',
      trafficLight: null,
      reportMissing: false,
      overdueMilestones: 0,
      evaluation: null,
    });
    expect(created.body.milestones.map((m: { title: string; doneOn: null }) => [m.title, m.doneOn])).toEqual([['Räume gefunden', null], ['Eröffnung', null]]);
    expect((await planer().get(`/v1/measures/${created.body.id}`)).body).toEqual(created.body);
  });

  test('when the same Idempotency-Key is sent twice, then one measure exists and the retry gets it with 200; with another body, 422', async () => {
    const key = { 'Idempotency-Key': `idem-${run}` };
    const first = await planer().post('/v1/measures', { title: 'Einmal', department: 'jugend', cycleId: cycle }, key);
    const again = await planer().post('/v1/measures', { cycleId: cycle, department: 'jugend', title: 'Einmal' }, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const changed = await planer().post('/v1/measures', { title: 'Zweimal', department: 'jugend', cycleId: cycle }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.type).toBe('https://sozialraum.example/problems/idempotency-key-reused');
    expect(changed.body.detail).not.toContain(first.body.id);
  });

  test('when someone else sends the same Idempotency-Key, then it is their own key and makes their own measure', async () => {
    const key = { 'Idempotency-Key': `shared-${run}` };
    const planners = await planer().post('/v1/measures', { title: 'Für Soziales', department: 'soziales', cycleId: cycle }, key);
    const theirs = await as(service, 'soziales').post('/v1/measures', { title: 'Für Soziales', department: 'soziales', cycleId: cycle }, key);
    expect([planners.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(planners.body.id);
  });

  test('when the input is wrong, then the problem names the field: 400 for the contract, 422 for the rules', async () => {
    const missing = await planer().post('/v1/measures', { description: 'ohne Titel' });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toMatch(/title/);
    const badGroup = await planer().post('/v1/measures', { title: 'x', department: 'soziales', targetGroups: ['aliens'] });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.errors[0].pointer).toMatch(/targetGroups/);
    const backwards = await planer().post('/v1/measures', { title: 'x', department: 'soziales', startsOn: '2026-01-01', endsOn: '2025-01-01' });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([{ pointer: '/body/endsOn', detail: 'ends before it starts (2025-01-01 < 2026-01-01)' }]);
    const unknownProvider = await planer().post('/v1/measures', { title: 'x', department: 'soziales', providerIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownProvider.status).toBe(422);
    expect(unknownProvider.body.detail).toMatch(/POST \/v1\/providers/);
    expect((await planer().get('/v1/measures/not-a-uuid')).status).toBe(400);
    expect((await planer().get('/v1/measures/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  test('when two people change the same version, then the second gets 409 with the current version', async () => {
    const measure = await propose(service, { cycleId: cycle });
    const first = await planer().patch(`/v1/measures/${measure.id}`, { version: 1, title: 'Neuer Titel' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: 'Neuer Titel', version: 2 });
    const stale = await planer().patch(`/v1/measures/${measure.id}`, { version: 1, description: 'zu spät' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2 });
    expect(stale.body.detail).toMatch(/read it again/);
    expect((await planer().patch(`/v1/measures/${measure.id}`, { version: 2 })).status).toBe(400);
  });
});

describe('the status machine', () => {
  test('when a measure goes through proposed → returned → proposed → approved → in progress → paused → in progress → completed, then each step is recorded', async () => {
    const measure = await propose(service, { cycleId: cycle });
    const body = await moveTo(service, measure.id, ['returned', 'proposed', 'approved', 'in-progress', 'paused', 'in-progress', 'completed']);
    expect(body).toMatchObject({ status: 'completed', allowedTransitions: [], version: 8 });
    const audit = await planer().get(`/v1/measures/${measure.id}/audit`);
    const steps = audit.body.items
      .filter((e: { action: string }) => e.action === 'status-changed')
      .map((e: { before: { status: string }; after: { status: string } }) => `${e.before.status}→${e.after.status}`);
    expect(steps).toEqual(['proposed→returned', 'returned→proposed', 'proposed→approved', 'approved→in-progress', 'in-progress→paused', 'paused→in-progress', 'in-progress→completed']);
  });

  test('when a transition is not allowed, then 409 names the allowed ones in `allowed`', async () => {
    const measure = await propose(service, { cycleId: cycle });
    const skip = await planer().post(`/v1/measures/${measure.id}/transitions`, { to: 'completed', version: 1 });
    expect(skip.status).toBe(409);
    expect(skip.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(skip.body).toMatchObject({ measureStatus: 'proposed', allowed: ['approved', 'rejected', 'returned'] });
    expect(skip.body.detail).toBe('A proposed measure cannot become completed. Allowed from proposed: approved, rejected, returned.');
    await moveTo(service, measure.id, ['rejected']);
    const final = await planer().post(`/v1/measures/${measure.id}/transitions`, { to: 'proposed', version: 2 });
    expect(final.status).toBe(409);
    expect(final.body.allowed).toEqual([]);
  });

  test('when rejecting, returning, pausing or cancelling without a reason, then 422 asks for one; approving needs none', async () => {
    const measure = await propose(service, { cycleId: cycle });
    for (const to of ['rejected', 'returned']) {
      const response = await planer().post(`/v1/measures/${measure.id}/transitions`, { to, version: 1, reason: '  ' });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ pointer: '/body/reason', detail: `is required for ${to}` }]);
    }
    const approved = await planer().post(`/v1/measures/${measure.id}/transitions`, { to: 'approved', version: 1, approvedBudget: 5000 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', budget: { approved: 5000 }, statusReason: null });
    await moveTo(service, measure.id, ['in-progress']);
    for (const to of ['paused', 'cancelled']) {
      const response = await planer().post(`/v1/measures/${measure.id}/transitions`, { to, version: 3 });
      expect(response.status).toBe(422);
    }
    const cancelled = await planer().post(`/v1/measures/${measure.id}/transitions`, { to: 'cancelled', version: 3, reason: 'Träger hat sich zurückgezogen' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Träger hat sich zurückgezogen' });
  });

  test('when the steering committee decides, then it may approve; the department may start, but not approve, its own measure', async () => {
    const measure = await propose(service, { cycleId: cycle, department: 'soziales' });
    const selfApproval = await as(service, 'soziales').post(`/v1/measures/${measure.id}/transitions`, { to: 'approved', version: 1 });
    expect(selfApproval.status).toBe(403);
    expect(selfApproval.body.detail).toMatch(/planners and the steering committee/);
    const decided = await as(service, 'lenkung').post(`/v1/measures/${measure.id}/transitions`, { to: 'approved', version: 1 });
    expect(decided.status).toBe(200);
    expect(decided.body.statusChangedBy).toBeTruthy();
    const started = await as(service, 'soziales').post(`/v1/measures/${measure.id}/transitions`, { to: 'in-progress', version: 2 });
    expect(started.status).toBe(200);
    const committeeWork = await as(service, 'lenkung').post(`/v1/measures/${measure.id}/transitions`, { to: 'paused', version: 3, reason: 'x' });
    expect(committeeWork.status).toBe(403);
  });
});

describe('progress, milestones and status reports', () => {
  test('when there are milestones, then progress is done/total; without them, the latest report’s progress', async () => {
    const measure = await propose(service, { cycleId: cycle, milestones: [{ title: 'A', dueOn: '2099-01-01' }, { title: 'B', dueOn: '2099-02-01' }, { title: 'C', dueOn: '2099-03-01' }] });
    const [a] = (await planer().get(`/v1/measures/${measure.id}`)).body.milestones;
    const done = await planer().patch(`/v1/measures/${measure.id}/milestones/${a.id}`, { doneOn: '2025-01-15' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ progress: 33, progressSource: 'milestones', version: 1 });
    const added = await planer().post(`/v1/measures/${measure.id}/milestones`, { title: 'D', dueOn: '2000-01-01' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ progress: 25, overdueMilestones: 1 });
    expect(added.body.milestones[0]).toMatchObject({ title: 'D', overdue: true });

    const plain = await propose(service, { cycleId: cycle });
    await moveTo(service, plain.id, ['approved', 'in-progress']);
    const older = await planer().post(`/v1/measures/${plain.id}/reports`, { date: '2025-03-01', text: 'Start', progress: 10, trafficLight: 'green' });
    expect(older.status).toBe(201);
    expect(older.body).toMatchObject({ measureId: plain.id, date: '2025-03-01', progress: 10, trafficLight: 'green' });
    await planer().post(`/v1/measures/${plain.id}/reports`, { date: '2025-06-01', text: 'Verzug', progress: 40, trafficLight: 'red' });
    // A back-dated report is kept, but does not replace the newer one as "latest".
    await planer().post(`/v1/measures/${plain.id}/reports`, { date: '2025-04-01', text: 'Nachgereicht', progress: 20, trafficLight: 'yellow' });
    const view = (await planer().get(`/v1/measures/${plain.id}`)).body;
    expect(view).toMatchObject({ progress: 40, progressSource: 'report', trafficLight: 'red', lastReportOn: '2025-06-01' });
    expect((await planer().get(`/v1/measures/${plain.id}/reports`)).body.items.map((r: { date: string }) => r.date)).toEqual(['2025-06-01', '2025-04-01', '2025-03-01']);
  });

  test('when a report is sent again with its Idempotency-Key, then it is filed once; the key with another report is 422', async () => {
    const measure = await propose(service, { cycleId: cycle });
    await moveTo(service, measure.id, ['approved', 'in-progress']);
    const key = { 'Idempotency-Key': `report-${run}` };
    const report = { text: 'Läuft', progress: 30, trafficLight: 'green' };
    const first = await planer().post(`/v1/measures/${measure.id}/reports`, report, key);
    const again = await planer().post(`/v1/measures/${measure.id}/reports`, report, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect((await planer().post(`/v1/measures/${measure.id}/reports`, { ...report, progress: 40 }, key)).status).toBe(422);
    expect((await as(service, 'soziales').post(`/v1/measures/${measure.id}/reports`, report, key)).status).toBe(201);
    expect((await planer().get(`/v1/measures/${measure.id}/reports`)).body.items).toHaveLength(2);
  });

  test('when a report is filed for a proposed measure or dated in the future, then 409 or 422 says why', async () => {
    const measure = await propose(service, { cycleId: cycle });
    const early = await planer().post(`/v1/measures/${measure.id}/reports`, { text: 'zu früh', progress: 0, trafficLight: 'green' });
    expect(early.status).toBe(409);
    expect(early.body.allowedStatuses).toEqual(['approved', 'in-progress', 'paused', 'completed']);
    await moveTo(service, measure.id, ['approved']);
    const future = await planer().post(`/v1/measures/${measure.id}/reports`, { date: '2999-01-01', text: 'Zukunft', progress: 0, trafficLight: 'green' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].pointer).toBe('/body/date');
    const badProgress = await planer().post(`/v1/measures/${measure.id}/reports`, { text: 'x', progress: 101, trafficLight: 'green' });
    expect(badProgress.status).toBe(400);
  });

  test('when milestones change, then each change is in the audit trail with before and after', async () => {
    const measure = await propose(service, { cycleId: cycle, milestones: [{ title: 'A', dueOn: '2099-01-01' }] });
    const id = (await planer().get(`/v1/measures/${measure.id}`)).body.milestones[0].id;
    await planer().patch(`/v1/measures/${measure.id}/milestones/${id}`, { title: 'A2' });
    const removed = await planer().delete(`/v1/measures/${measure.id}/milestones/${id}`);
    expect(removed.body.milestones).toEqual([]);
    const trail = (await planer().get(`/v1/measures/${measure.id}/audit`)).body.items.filter((e: { entity: string }) => e.entity === 'milestone');
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['created', 'changed', 'deleted']);
    expect(trail[1]).toMatchObject({ before: { title: 'A' }, after: { title: 'A2' }, department: 'soziales', measureId: measure.id });
    expect(trail[2]).toMatchObject({ before: { title: 'A2' }, after: null });
    expect(trail[0].actor.name).toBeTruthy();
    expect((await planer().delete(`/v1/measures/${measure.id}/milestones/${id}`)).status).toBe(404);
  });
});

describe('the audit trail for planners', () => {
  test('when a planner reads the audit by entity and department, then the newest entries come first; others get 403', async () => {
    const measure = await propose(service, { cycleId: cycle, department: 'gesundheit' });
    await planer().patch(`/v1/measures/${measure.id}`, { version: 1, title: 'Geändert' });
    const trail = await planer().get('/v1/audit?entity=measure&department=gesundheit&limit=5');
    expect(trail.status).toBe(200);
    expect(trail.body.items[0]).toMatchObject({ entity: 'measure', entityId: measure.id, action: 'changed', before: { title: 'Testmaßnahme' }, after: { title: 'Geändert', version: 2 } });
    const ids = trail.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    const next = await planer().get(`/v1/audit?entity=measure&before=${ids[0]}&limit=1`);
    expect(next.body.items[0].id).toBeLessThan(ids[0]);
    for (const user of ['gesundheit', 'koordination', 'lenkung', 'gast']) expect((await as(service, user).get('/v1/audit')).status).toBe(403);
  });
});
