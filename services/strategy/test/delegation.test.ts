import { createServer, type Server, type Socket } from 'node:net';
import { taskProblemType } from '@sozialraum/contracts';
import { as, runId, seedCycle, seedTask, startStrategy, type StrategyService, taskPath } from './helpers/strategy';

/**
 * Delegation looks people up in Keycloak itself (the realm's admin API with the service's own token), so a
 * member who never signed in here can be chosen. The demo user "vertretung" (Viktor Vertretung, soziales)
 * never signs in during the tests.
 */
let service: StrategyService;
const run = runId();
const space = `G${run}`;
const cycleId = `cycle-${space}-1`;
const ids: Record<string, string> = {};

/** A TCP server that accepts connections and never answers: Keycloak hanging. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

beforeAll(async () => {
  service = await startStrategy();
  await seedCycle(service.deps.pool, { id: cycleId, space, number: 1, status: 'running', phase: 'measure-development' });
  const task = (key: string, candidateGroups: string[]) =>
    seedTask(service.deps.pool, { cycleId, space, key, type: 'propose-measures', phase: 'measure-development', candidateGroups, department: 'soziales' });
  ids.soziales = await task('propose-soziales-1', ['group:/departments/soziales']);
  ids.mixed = await task('propose-soziales-2', ['group:/departments/soziales', 'role:planner']);
  ids.nobody = await task('propose-soziales-3', ['group:/departments/soziales', `group:/departments/none-${run}`]);
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycleId]);
  await service.close();
});

test('when soziales asks whom to delegate to, then Keycloak\'s members of the candidate groups come, also those who never signed in, without the caller', async () => {
  const response = await as(service, 'soziales').get(taskPath(ids.soziales!, 'candidates'));
  expect(response.status).toBe(200);
  expect(response.body.items).toEqual([{ id: expect.any(String), name: 'Viktor Vertretung', username: 'vertretung' }]);
  // Holders of a realm role count as members of `role:…`; the list is sorted by name.
  const mixed = await as(service, 'soziales').get(taskPath(ids.mixed!, 'candidates'));
  expect(mixed.body.items.map((c: { username: string }) => c.username)).toEqual(['planer', 'vertretung']);
  // A group Keycloak does not know has no members.
  expect((await as(service, 'soziales').get(taskPath(ids.nobody!, 'candidates'))).body.items.map((c: { username: string }) => c.username)).toEqual(['vertretung']);
});

test('when someone outside the task\'s groups asks for its candidates, then 404 or 403 as for delegating', async () => {
  const jugend = await as(service, 'jugend').get(taskPath(ids.soziales!, 'candidates'));
  expect(jugend.status).toBe(404);
  expect(jugend.body.type).toBe(taskProblemType('task-not-found'));
  const koordination = await as(service, 'koordination').get(taskPath(ids.soziales!, 'candidates'));
  expect(koordination.status).toBe(403);
  expect(koordination.body.type).toBe(taskProblemType('not-candidate'));
});

test('when a task is delegated to a member who never signed in, then they get it; to anyone else, 422 delegate-not-candidate', async () => {
  const [viktor] = (await as(service, 'soziales').get(taskPath(ids.soziales!, 'candidates'))).body.items;
  const jugendId = (await as(service, 'jugend').get('/v1/me')).body.id as string;
  const refused = await as(service, 'soziales').post(taskPath(ids.soziales!, 'delegate'), { userId: jugendId });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ type: taskProblemType('delegate-not-candidate'), errors: [{ pointer: '/body/userId' }] });

  const delegated = await as(service, 'soziales').post(taskPath(ids.soziales!, 'delegate'), { userId: viktor.id });
  expect(delegated.status).toBe(200);
  expect(delegated.body.assignee).toEqual({ id: viktor.id, name: 'Viktor Vertretung' });
  const { rows } = await service.deps.pool.query(`SELECT recipient, kind FROM notification WHERE task_id = $1`, [ids.soziales]);
  expect(rows).toEqual([{ recipient: viktor.id, kind: 'task-delegated' }]);
  // Now Viktor has it: soziales may no longer hand it on.
  const again = await as(service, 'soziales').get(taskPath(ids.soziales!, 'candidates'));
  expect(again.status).toBe(409);
  expect(again.body.type).toBe(taskProblemType('task-claimed-by-other'));
});

describe('when Keycloak does not answer in time', () => {
  let hanging: StrategyService;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
    hanging = await startStrategy({ KEYCLOAK_ADMIN_API_URL: silent.url, DIRECTORY_TIMEOUT_MS: '500', RUN_JOBS: 'false' });
  });
  afterAll(async () => {
    await hanging.close();
    await silent.close();
  });

  test('then candidates and delegation answer 503 directory-unavailable with Retry-After, within the deadline, and the task stays as it was', async () => {
    const started = Date.now();
    const candidates = await as(hanging, 'soziales').get(taskPath(ids.mixed!, 'candidates'));
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(candidates.status).toBe(503);
    expect(candidates.headers.get('content-type')).toContain('application/problem+json');
    expect(candidates.headers.get('retry-after')).toBe('1');
    expect(candidates.body).toMatchObject({ type: taskProblemType('directory-unavailable'), status: 503 });

    const delegate = await as(hanging, 'soziales').post(taskPath(ids.mixed!, 'delegate'), { userId: 'anyone' });
    expect(delegate.status).toBe(503);
    expect(delegate.headers.get('retry-after')).toBe('1');
    expect((await as(hanging, 'soziales').get(taskPath(ids.mixed!))).body.assignee).toBeNull();
    // Everything that needs no lookup keeps working.
    expect((await as(hanging, 'soziales').get('/v1/tasks/counts')).status).toBe(200);
  });
});
