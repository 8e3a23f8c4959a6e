import { taskProblemType as problemType } from '@sozialraum/contracts';
import { withTransaction } from '@sozialraum/kit/db';
import { call, connectAsAnotherReplica, waitFor } from '@sozialraum/kit/testing';
import { as, runId, seedCycle, seedTask, startStrategy, type StrategyService, taskPath, tokenOf } from './helpers/strategy';

/**
 * The read side and the inbox actions on read-model rows as the workflow's activities write them; the
 * cycle tests run the real workflow. Department isolation is proven with real tokens of several users.
 */
let service: StrategyService;
const run = runId();
const space = `T${run}`;
const cycleA = `cycle-${space}-1`;
// STGT01 is coordinated by the demo user koordination; a number no real cycle reaches keeps it apart.
const cycleB = `cycle-STGT01-${900_000 + Math.floor(Math.random() * 90_000)}`;
const ids: Record<string, string> = {};
const item = (page: { items: Array<{ id: string }> }) => page.items.map((t) => t.id);

beforeAll(async () => {
  service = await startStrategy();
  const db = service.deps.pool;
  await seedCycle(db, { id: cycleA, space, number: 1, status: 'running', phase: 'measure-development', departments: ['soziales', 'jugend'] });
  await seedCycle(db, { id: cycleB, space: 'STGT01', number: Number(cycleB.split('-').at(-1)), phase: 'participation' });
  const dept = (key: string, department: string) =>
    seedTask(db, { cycleId: cycleA, space, key, type: 'propose-measures', phase: 'measure-development', candidateGroups: [`group:/departments/${department}`], department });
  ids.soziales = await dept('propose-soziales-1', 'soziales');
  ids.jugend = await dept('propose-jugend-1', 'jugend');
  ids.shared = await seedTask(db, {
    cycleId: cycleA, space, key: 'report-shared-1', type: 'report-status', phase: 'measure-development',
    candidateGroups: ['group:/departments/soziales', 'group:/departments/jugend'], dueInMs: 3_600_000,
  });
  ids.decide = await seedTask(db, { cycleId: cycleA, space, key: 'decide-1', type: 'decide-package', phase: 'decision', candidateGroups: ['group:/committees/steering-committee'] });
  ids.partOther = await seedTask(db, { cycleId: cycleA, space, key: 'participation-1', type: 'document-participation', phase: 'participation', candidateGroups: [`group:/coordination/${space}`] });
  ids.partStgt = await seedTask(db, { cycleId: cycleB, space: 'STGT01', key: 'participation-1', type: 'document-participation', phase: 'participation', candidateGroups: ['group:/coordination/STGT01'] });
  await db.query(
    `INSERT INTO need (cycle_id, key, title, target_groups, departments) VALUES ($1, 'kita', 'Kita-Plätze', '{children}', '{jugend}'),
       ($1, 'armut', 'Altersarmut', '{old}', '{soziales}')`,
    [cycleA],
  );
  await db.query(
    `INSERT INTO measure_proposal (id, cycle_id, need_key, department, title, description, status) VALUES
       ($1 || '#0', $2, 'armut', 'soziales', 'Seniorentreff', 'Treffpunkt', 'proposed'), ($3 || '#0', $2, 'kita', 'jugend', 'Kita-Ausbau', 'Plätze', 'proposed')`,
    [ids.soziales, cycleA, ids.jugend],
  );
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = ANY ($1)', [[cycleA, cycleB]]);
  await service.close();
});

describe('the inbox', () => {
  test('when department staff open their inbox, then they see their own department\'s tasks and not another\'s', async () => {
    const soziales = await as(service, 'soziales').get(`/v1/tasks?cycle=${cycleA}`);
    expect(soziales.status).toBe(200);
    expect(item(soziales.body).sort()).toEqual([ids.shared, ids.soziales].sort());
    expect(soziales.body.items.find((t: { id: string }) => t.id === ids.soziales)).toMatchObject({
      type: 'propose-measures', label: 'Maßnahmen vorschlagen', department: 'soziales', assignee: null, status: 'open', spaceCode: space,
    });
    expect(item((await as(service, 'jugend').get(`/v1/tasks?cycle=${cycleA}`)).body).sort()).toEqual([ids.jugend, ids.shared].sort());
  });

  test('when soziales reaches for jugend\'s task, then it does not exist for them: 404 to read, claim, comment and complete', async () => {
    const soziales = as(service, 'soziales');
    const read = await soziales.get(taskPath(ids.jugend!));
    expect(read.status).toBe(404);
    expect(read.body.type).toBe(problemType('task-not-found'));
    expect((await soziales.post(taskPath(ids.jugend!, 'claim'))).status).toBe(404);
    expect((await soziales.post(taskPath(ids.jugend!, 'comments'), { text: 'hallo' })).status).toBe(404);
    const complete = await soziales.post(taskPath(ids.jugend!, 'complete'), { result: { decision: 'decline', reason: 'nicht zuständig' } });
    expect(complete.status).toBe(404);
    expect(complete.headers.get('content-type')).toContain('application/problem+json');
  });

  test('when department staff ask for every department\'s tasks, then 403; planners and coordinators see them all', async () => {
    expect((await as(service, 'soziales').get('/v1/tasks?scope=all')).status).toBe(403);
    const all = await as(service, 'planer').get(`/v1/tasks?scope=all&cycle=${cycleA}&sort=-created`);
    expect(item(all.body).sort()).toEqual([ids.decide, ids.jugend, ids.partOther, ids.shared, ids.soziales].sort());
    expect((await as(service, 'koordination').get(taskPath(ids.jugend!))).status).toBe(200);
  });

  test('when koordination opens its group inbox, then it sees the participation task of STGT01 but not that of a space it does not coordinate', async () => {
    const inbox = await as(service, 'koordination').get('/v1/tasks?scope=groups&type=document-participation&limit=200');
    expect(item(inbox.body)).toContain(ids.partStgt);
    expect(item(inbox.body)).not.toContain(ids.partOther);
    expect(inbox.body.items.every((t: { candidateGroups: string[] }) => t.candidateGroups.some((g) => g.startsWith('group:/coordination/STGT0')))).toBe(true);
  });

  test('when the inbox is filtered and sorted, then only matching tasks come, in order', async () => {
    const dueSoon = await as(service, 'soziales').get(`/v1/tasks?cycle=${cycleA}&dueBefore=${encodeURIComponent(new Date(Date.now() + 7_200_000).toISOString())}`);
    expect(item(dueSoon.body)).toEqual([ids.shared]);
    const byDueDesc = await as(service, 'planer').get(`/v1/tasks?scope=all&cycle=${cycleA}&sort=-due&limit=2`);
    expect(byDueDesc.body.total).toBe(5);
    expect(byDueDesc.body.items).toHaveLength(2);
    expect((await as(service, 'planer').get('/v1/tasks?sort=sideways')).status).toBe(400);
  });

  test('when a candidate claims a task, then others of its groups meet "claimed by", and only the assignee gives it back', async () => {
    const claimed = await as(service, 'soziales').post(taskPath(ids.shared!, 'claim'));
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee.name).toBeTruthy();
    const mine = await as(service, 'soziales').get('/v1/tasks?scope=mine');
    expect(item(mine.body)).toContain(ids.shared);
    const other = await as(service, 'jugend').post(taskPath(ids.shared!, 'claim'));
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ type: problemType('task-claimed-by-other'), assignee: { name: claimed.body.assignee.name } });
    const otherComplete = await as(service, 'jugend').post(taskPath(ids.shared!, 'complete'), {
      result: { reports: [{ measureId: 'm1', progress: 10, trafficLight: 'green', text: 'läuft', finished: false }] },
    });
    expect(otherComplete.status).toBe(409);
    expect(otherComplete.body.type).toBe(problemType('task-claimed-by-other'));
    const unclaim = await as(service, 'jugend').post(taskPath(ids.shared!, 'unclaim'));
    expect(unclaim.status).toBe(403);
    expect(unclaim.body.type).toBe(problemType('not-assignee'));
    const back = await as(service, 'soziales').post(taskPath(ids.shared!, 'unclaim'));
    expect(back.body.assignee).toBeNull();
  });

  test('when someone outside the candidate groups claims a task they can see, then 403', async () => {
    const planner = await as(service, 'planer').post(taskPath(ids.soziales!, 'claim'));
    expect(planner.status).toBe(403);
    expect(planner.body.type).toBe(problemType('not-candidate'));
    expect(planner.body.detail).toContain('group:/departments/soziales');
  });

  test('when a task is delegated, then only to a member of its groups, who gets it and a notification', async () => {
    const jugendId = (await as(service, 'jugend').get('/v1/me')).body.id as string;
    const gesundheitId = (await as(service, 'gesundheit').get('/v1/me')).body.id as string;
    const refused = await as(service, 'soziales').post(taskPath(ids.shared!, 'delegate'), { userId: gesundheitId });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: problemType('delegate-not-candidate'), errors: [{ pointer: '/body/userId' }] });
    const unknown = await as(service, 'soziales').post(taskPath(ids.shared!, 'delegate'), { userId: 'nobody' });
    expect(unknown.status).toBe(422);
    const delegated = await as(service, 'soziales').post(taskPath(ids.shared!, 'delegate'), { userId: jugendId });
    expect(delegated.status).toBe(200);
    expect(delegated.body.assignee.id).toBe(jugendId);
    const feed = await as(service, 'jugend').get('/v1/notifications?unread=true');
    const note = feed.body.items.find((n: { taskId: string }) => n.taskId === ids.shared);
    expect(note).toMatchObject({ kind: 'task-delegated', recipient: jugendId, read: false, link: `http://127.0.0.1:3000/aufgaben/${encodeURIComponent(ids.shared!)}` });
    expect(item((await as(service, 'soziales').get('/v1/notifications?limit=200')).body)).not.toContain(note.id);
    // Without SMTP the job worker delivers to the feed.
    await waitFor(async () => {
      const { rows } = await service.deps.pool.query('SELECT channel FROM notification WHERE id = $1', [note.id]);
      return rows[0]?.channel === 'feed';
    }, 10_000, 'delivery to the feed');
  });

  test('when people comment on a task, then those who see it read the comments in order', async () => {
    const first = await as(service, 'soziales').post(taskPath(ids.soziales!, 'comments'), { text: 'Brauchen Zahlen vom Amt.' });
    expect(first.status).toBe(201);
    await as(service, 'planer').post(taskPath(ids.soziales!, 'comments'), { text: 'Kommen bis Freitag.' });
    const list = await as(service, 'soziales').get(taskPath(ids.soziales!, 'comments'));
    expect(list.body.items.map((c: { text: string }) => c.text)).toEqual(['Brauchen Zahlen vom Amt.', 'Kommen bis Freitag.']);
    expect((await as(service, 'jugend').get(taskPath(ids.soziales!, 'comments'))).status).toBe(404);
  });

  test('when a completion does not fit the task type\'s form, then 400 invalid-task-result lists each field of the result', async () => {
    const response = await as(service, 'soziales').post(taskPath(ids.soziales!, 'complete'), {
      result: { decision: 'propose', measures: [{ title: '', milestones: [{ title: 'Start', dueOn: '2026-02-30' }] }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe(problemType('invalid-task-result'));
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/result/measures/0/title', '/result/measures/0/description', '/result/measures/0/needKey', '/result/measures/0/milestones/0/dueOn']),
    );
  });

  test('when another request is completing the task, then a second completion is refused with completion-in-progress', async () => {
    await service.deps.pool.query(
      `INSERT INTO task_completion (task_id, state, holder, by_id, by_name, lease_until) VALUES ($1, 'pending', 'other-request', 'x', 'Sophie Soziales', now() + interval '1 minute')`,
      [ids.soziales],
    );
    const response = await as(service, 'soziales').post(taskPath(ids.soziales!, 'complete'), { result: { decision: 'decline', reason: 'kein Bedarf' } });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ type: problemType('completion-in-progress'), status: 409 });
    await service.deps.pool.query('DELETE FROM task_completion WHERE task_id = $1', [ids.soziales]);
  });

  test('when a task is not the caller\'s to complete or not open any more, then completing it is refused (403, 404, 409)', async () => {
    await service.deps.pool.query(`UPDATE task SET status = 'cancelled' WHERE id = $1`, [ids.partOther]);
    const response = await as(service, 'planer').post(taskPath(ids.decide!, 'complete'), { result: { decisions: [{ measureId: 'x', decision: 'approve', budgetPlanned: null }] } });
    expect(response.status).toBe(403);
    const closed = await as(service, 'lenkung').post(taskPath(ids.partOther!, 'complete'), { result: { records: [], close: false } });
    expect(closed.status).toBe(404);
    await service.deps.pool.query(`UPDATE task SET status = 'completed' WHERE id = $1`, [ids.decide]);
    const done = await as(service, 'lenkung').post(taskPath(ids.decide!, 'complete'), { result: { decisions: [{ measureId: 'x', decision: 'approve', budgetPlanned: null }] } });
    expect(done.status).toBe(409);
    expect(done.body).toMatchObject({ type: problemType('task-not-open'), status: 409 });
  });
});

describe('the inbox cache', () => {
  const cycleC = `cycle-C${run}-1`;
  const version = async () => Number((await service.deps.pool.query<{ value: string }>('SELECT value FROM task_version')).rows[0]!.value);
  const read = () => as(service, 'soziales').get(`/v1/tasks?cycle=${cycleC}`);
  const inbox = async () => item((await read()).body);
  /** A running cycle of the test's own, and a way to add department tasks to it as the workflow would. */
  const ownCycle = async (letter: string) => {
    const cycle = `cycle-${letter}${run}-1`;
    await seedCycle(service.deps.pool, { id: cycle, space: `${letter}${run}`, number: 1, status: 'running', phase: 'measure-development' });
    const task = (key: string, department = 'soziales') =>
      seedTask(service.deps.pool, {
        cycleId: cycle, space: `${letter}${run}`, key, type: 'propose-measures', phase: 'measure-development', candidateGroups: [`group:/departments/${department}`], department,
      });
    const remove = () => service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycle]);
    return { cycle, task, remove };
  };

  test('when tasks change after the inbox was read, then the next read shows the change at once (pages are kept by task version)', async () => {
    const db = service.deps.pool;
    await seedCycle(db, { id: cycleC, space: `C${run}`, number: 1, status: 'running', phase: 'measure-development' });
    const propose = (key: string) =>
      seedTask(db, { cycleId: cycleC, space: `C${run}`, key, type: 'propose-measures', phase: 'measure-development', candidateGroups: ['group:/departments/soziales'], department: 'soziales' });
    const first = await propose('propose-1');
    const before = await read();
    expect(item(before.body)).toEqual([first]);
    const again = await read(); // from the cache now, with the same ETag
    expect(item(again.body)).toEqual([first]);
    expect(again.headers.get('etag')).toBe(before.headers.get('etag'));

    const second = await propose('propose-2'); // written as the workflow's activity would, not through this service
    const after = await read();
    expect(item(after.body).sort()).toEqual([first, second].sort());
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    await db.query(`UPDATE task SET status = 'completed', completed_at = now() WHERE id = $1`, [first]);
    expect(await inbox()).toEqual([second]);
  });

  test('when a kept page is asked again, then it comes gzipped with the same ETag, or 304 to a client that has it, until a task changes', async () => {
    const { cycle, task, remove } = await ownCycle('E');
    const path = `/v1/tasks?cycle=${cycle}&limit=200`;
    // max-age=0, as a browser revalidates: fetch itself would add no-cache to a request with If-None-Match.
    const get = async (user: string, headers: Record<string, string> = {}) =>
      call(`${service.url}${path}`, { token: await tokenOf(user), headers: { 'accept-encoding': 'gzip', 'cache-control': 'max-age=0', ...headers } });
    // Enough tasks for a page worth compressing (1 KB and more).
    for (let i = 1; i <= 5; i++) await task(`propose-${i}`);
    const first = await get('soziales');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(5);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await get('soziales', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    // Without compression the same page, byte for byte what was gzipped.
    const plain = await get('soziales', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.body).toEqual(first.body);

    const added = await task('propose-6');
    const changed = await get('soziales', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.body.total).toBe(6);
    expect(item(changed.body)).toContain(added);
    await remove();
  });

  test('when soziales\'s page of a cycle is kept, then jugend asking the same question sees none of it, even with soziales\'s ETag', async () => {
    const { cycle, task, remove } = await ownCycle('I');
    const own = await task('propose-soziales');
    const path = `/v1/tasks?cycle=${cycle}`;
    const soziales = await call(`${service.url}${path}`, { token: await tokenOf('soziales') });
    expect(item(soziales.body)).toEqual([own]);
    const jugend = await call(`${service.url}${path}`, { token: await tokenOf('jugend'), headers: { 'if-none-match': soziales.headers.get('etag')!, 'cache-control': 'max-age=0' } });
    expect(jugend.status).toBe(200);
    expect(jugend.body).toEqual({ items: [], total: 0 });
    expect(jugend.headers.get('etag')).not.toBe(soziales.headers.get('etag'));
    // Once jugend's empty page is kept too, a task of jugend's appears at once for jugend and never for soziales.
    const theirs = await task('propose-jugend', 'jugend');
    expect(item((await as(service, 'jugend').get(path)).body)).toEqual([theirs]);
    expect(item((await as(service, 'soziales').get(path)).body)).toEqual([own]);
    await remove();
  });

  test('when two members of one department ask the same question, then they share one kept page and its ETag, while "mine" stays each one\'s own', async () => {
    const { cycle, task, remove } = await ownCycle('S');
    const claimed = await task('propose-1');
    const other = await task('propose-2');
    expect((await as(service, 'soziales').post(taskPath(claimed, 'claim'))).status).toBe(200);
    const groups = `/v1/tasks?cycle=${cycle}&scope=groups`;
    const soziales = await call(`${service.url}${groups}`, { token: await tokenOf('soziales') });
    const vertretung = await call(`${service.url}${groups}`, { token: await tokenOf('vertretung'), headers: { 'if-none-match': soziales.headers.get('etag')!, 'cache-control': 'max-age=0' } });
    expect(item(soziales.body).sort()).toEqual([claimed, other].sort());
    expect(vertretung.status).toBe(304);
    const mine = `/v1/tasks?cycle=${cycle}&scope=mine`;
    expect(item((await as(service, 'soziales').get(mine)).body)).toEqual([claimed]);
    expect(item((await as(service, 'vertretung').get(mine)).body)).toEqual([]);
    const assignedToMe = `/v1/tasks?cycle=${cycle}&scope=groups&assigned=me`;
    expect(item((await as(service, 'soziales').get(assignedToMe)).body)).toEqual([claimed]);
    expect(item((await as(service, 'vertretung').get(assignedToMe)).body)).toEqual([]);
    await remove();
  });

  test('when many read the inbox at once while a task is added, then every read that starts after the change shows it', async () => {
    const { cycle, task, remove } = await ownCycle('P');
    const reads = async () => Promise.all(Array.from({ length: 20 }, async () => (await as(service, 'soziales').get(`/v1/tasks?cycle=${cycle}`)).body.total as number));
    await task('propose-1');
    // Reads in flight while the task is added may show either; those started after it must show it.
    const during = reads();
    await task('propose-2');
    const after = await reads();
    expect((await during).every((total) => total === 1 || total === 2)).toBe(true);
    expect(after).toEqual(Array(20).fill(2));
    await remove();
  });

  test('when another replica changes a task, then the inbox here shows it within the notification\'s delay (the task version is heard, not read per request)', async () => {
    const { cycle, task, remove } = await ownCycle('R');
    const added = await task('propose-1');
    const total = async () => (await as(service, 'soziales').get(`/v1/tasks?cycle=${cycle}`)).body.total as number;
    expect(await total()).toBe(1);
    await waitFor(() => service.deps.inboxCache.version.listening(), 10_000, 'the task version heard');
    const replica = await connectAsAnotherReplica(service.deps.config.DATABASE_URL, 'strategy');
    try {
      await replica.query(`UPDATE task SET status = 'completed', completed_at = now() WHERE id = $1`, [added]);
      await waitFor(async () => (await total()) === 0, 2_000, 'the other replica\'s change shown');
    } finally {
      await replica.end();
    }
    await remove();
  });

  test('when one transaction changes many tasks, then the task version rises once, at its commit', async () => {
    const before = await version();
    await withTransaction(service.deps.pool, async (client) => {
      await client.query(`UPDATE task SET priority = 1 WHERE cycle_id = $1`, [cycleC]);
      await client.query(`UPDATE task SET priority = 3 WHERE cycle_id = $1`, [cycleC]);
      // Not yet: the deferred trigger raises it as the transaction commits, after every row lock it takes.
      expect(Number((await client.query<{ value: string }>('SELECT value FROM task_version')).rows[0]!.value)).toBe(before);
    });
    expect(await version()).toBe(before + 1);
    await service.deps.pool.query(`UPDATE task SET priority = 2 WHERE cycle_id = $1 AND false`, [cycleC]); // no row: no change
    expect(await version()).toBe(before + 1);
    await service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycleC]);
    expect(await version()).toBe(before + 2);
  });
});

describe('cycles on the read side', () => {
  test('when department staff read a cycle, then they see its timeline and evidence but only their own department\'s needs, proposals and tasks', async () => {
    const soziales = await as(service, 'soziales').get(`/v1/cycles/${cycleA}`);
    expect(soziales.status).toBe(200);
    expect(soziales.body).toMatchObject({ id: cycleA, spaceCode: space, phase: 'measure-development', phaseLabel: 'Maßnahmenentwicklung', evidence: { frozenAt: expect.any(String) } });
    expect(soziales.body.phases.map((p: { phase: string }) => p.phase)).toEqual(['analysis']);
    expect(soziales.body.needs.map((n: { key: string }) => n.key)).toEqual(['armut']);
    expect(soziales.body.proposals.map((p: { department: string }) => p.department)).toEqual(['soziales']);
    expect(item({ items: soziales.body.openTasks }).sort()).toEqual([ids.shared, ids.soziales].sort());
    const lenkung = await as(service, 'lenkung').get(`/v1/cycles/${cycleA}`);
    expect(lenkung.body.needs.map((n: { key: string }) => n.key)).toEqual(['armut', 'kita']);
    const planer = await as(service, 'planer').get(`/v1/cycles/${cycleA}`);
    expect(planer.body.proposals).toHaveLength(2);
  });

  test('when cycles are listed by department or space, then only those come', async () => {
    const jugend = await as(service, 'gast').get(`/v1/cycles?department=jugend&space=${space}`);
    expect(jugend.body).toMatchObject({ total: 1, items: [{ id: cycleA, departments: ['soziales', 'jugend'] }] });
    expect((await as(service, 'gast').get(`/v1/cycles?department=wohnen&space=${space}`)).body.total).toBe(0);
    expect((await as(service, 'gast').get('/v1/cycles/cycle-nowhere-1')).status).toBe(404);
  });

  test('when someone who is not a planner starts or steers a cycle, then 403', async () => {
    expect((await as(service, 'gast').post('/v1/cycles', { spaceCode: space })).status).toBe(403);
    expect((await as(service, 'soziales').post(`/v1/cycles/${cycleA}/suspend`, { reason: 'Pause' })).status).toBe(403);
  });

  test('when a cycle is not in a state for a command, then 409', async () => {
    const resume = await as(service, 'planer').post(`/v1/cycles/${cycleA}/resume`);
    expect(resume.status).toBe(409);
    expect(resume.body.detail).toContain('running');
  });
});

describe('the notifications feed', () => {
  test('when notifications go to my groups and to others, then I see mine, unread first, and can mark them read', async () => {
    const db = service.deps.pool;
    await db.query(
      `INSERT INTO notification (id, recipient, kind, task_id, cycle_id, title, created_at) VALUES
         ($1 || ':task-created', 'group:/departments/soziales', 'task-created', $1, $3, 'Neue Aufgabe', now() - interval '1 hour'),
         ($2 || ':task-created', 'group:/departments/jugend', 'task-created', $2, $3, 'Neue Aufgabe', now()),
         ($1 || ':reminder', 'group:/departments/soziales', 'reminder', $1, $3, 'Erinnerung', now())`,
      [ids.soziales, ids.jugend, cycleA],
    );
    const mine = (await as(service, 'soziales').get('/v1/notifications?limit=200')).body;
    const ours = mine.items.filter((n: { cycleId: string }) => n.cycleId === cycleA);
    expect(ours.map((n: { id: string }) => n.id)).toEqual([`${ids.soziales}:reminder`, `${ids.soziales}:task-created`]);
    const read = await as(service, 'soziales').post(`/v1/notifications/${encodeURIComponent(`${ids.soziales}:reminder`)}/read`);
    expect(read.body.read).toBe(true);
    const after = (await as(service, 'soziales').get('/v1/notifications?limit=200')).body;
    expect(after.unread).toBe(mine.unread - 1);
    expect(after.items.at(-1).read).toBe(true);
    expect((await as(service, 'soziales').post(`/v1/notifications/${encodeURIComponent(`${ids.jugend}:task-created`)}/read`)).status).toBe(404);
  });
});
