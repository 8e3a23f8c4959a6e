import { waitFor } from '@sozialraum/kit/testing';
import { as, runId, seedCycle, seedTask, startStrategy, type StrategyService } from './helpers/strategy';
import { startSmtpSink } from './helpers/smtp';

/**
 * Delivery: the notification table is the outbox; the relay queues what is undelivered, the job mails it to
 * every member of the recipient group in Keycloak. Every notification links to its task in the web app.
 */
let service: StrategyService;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const run = runId();
const cycleId = `cycle-N${run}-1`;

beforeAll(async () => {
  smtp = await startSmtpSink();
  service = await startStrategy({ SMTP_URL: smtp.url, MAIL_FROM: 'sozialraum@test.example', APP_URL: 'https://sozialraum.test/' });
  await seedCycle(service.deps.pool, { id: cycleId, space: `N${run}`, number: 1 });
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycleId]);
  await service.close();
  await smtp.close();
});

const channelOf = async (id: string) =>
  (await service.deps.pool.query<{ channel: string | null }>('SELECT channel FROM notification WHERE id = $1', [id])).rows[0]?.channel;

test('when SMTP is configured, then a group notification written by the workflow is mailed to the group\'s member and marked as e-mail', async () => {
  const id = `${cycleId}/propose-wohnen-1:task-created`;
  await service.deps.pool.query(
    `INSERT INTO notification (id, recipient, kind, cycle_id, title, body) VALUES ($1, 'group:/departments/wohnen', 'task-created', $2, $3, 'Sozialraum N')`,
    [id, cycleId, `Neue Aufgabe ${run}`],
  );
  await waitFor(() => smtp.mails.some((m) => m.data.includes(run)), 15_000, 'the e-mail');
  const mail = smtp.mails.find((m) => m.data.includes(run))!;
  expect(mail.from).toBe('sozialraum@test.example');
  expect(mail.to).toEqual(['wohnen@flensburg.example']);
  await waitFor(async () => (await channelOf(id)) === 'email', 5_000, 'channel email');
});

test('when the recipient group has no members in Keycloak, then the notification stays in the feed', async () => {
  const id = `${cycleId}/nobody:task-created`;
  await service.deps.pool.query(
    `INSERT INTO notification (id, recipient, kind, cycle_id, title) VALUES ($1, 'group:/departments/nobody-${run}', 'task-created', $2, 'Niemand')`,
    [id, cycleId],
  );
  await waitFor(async () => (await channelOf(id)) === 'feed', 15_000, 'channel feed');
});

test('when a group notification goes out, then every member of the group in Keycloak gets it, also one who never signed in, with a link to the task', async () => {
  const taskId = await seedTask(service.deps.pool, {
    cycleId, space: `N${run}`, key: 'propose-soziales-1', type: 'propose-measures', phase: 'measure-development', candidateGroups: ['group:/departments/soziales'],
  });
  const id = `${taskId}:task-created`;
  await service.deps.pool.query(
    `INSERT INTO notification (id, recipient, kind, task_id, cycle_id, title) VALUES ($1, 'group:/departments/soziales', 'task-created', $2, $3, $4)`,
    [id, taskId, cycleId, `Gruppenaufgabe ${run}`],
  );
  const marker = `Gruppenaufgabe ${run}`;
  await waitFor(() => smtp.mails.some((m) => m.data.includes(marker)), 15_000, 'the e-mail');
  const mail = smtp.mails.find((m) => m.data.includes(marker))!;
  // Blind copies to both members; the envelope also names the sender, the visible "To".
  expect(mail.to.sort()).toEqual(['soziales@flensburg.example', 'sozialraum@test.example', 'vertretung@flensburg.example']);
  const link = `https://sozialraum.test/aufgaben/${encodeURIComponent(taskId)}`;
  expect(mail.data.replace(/=\r\n/g, '')).toContain(link);
  const feed = (await as(service, 'soziales').get('/v1/notifications?limit=200')).body.items as Array<{ id: string; link: string }>;
  expect(feed.find((n) => n.id === id)?.link).toBe(link);
});

test('when a notification has no task, then its link leads to its cycle', async () => {
  const id = `${cycleId}:cycle-event:${run}`;
  await service.deps.pool.query(`INSERT INTO notification (id, recipient, kind, cycle_id, title) VALUES ($1, 'role:planner', 'cycle-event', $2, 'Zyklus')`, [id, cycleId]);
  const feed = (await as(service, 'planer').get('/v1/notifications?limit=200')).body.items as Array<{ id: string; link: string }>;
  expect(feed.find((n) => n.id === id)?.link).toBe(`https://sozialraum.test/zyklen/${cycleId}`);
});

test('when someone marks all read, then all of their notifications are read and nobody else\'s', async () => {
  await service.deps.pool.query(
    `INSERT INTO notification (id, recipient, kind, cycle_id, title) VALUES
       ($1 || ':a', 'group:/departments/jugend', 'cycle-event', $2, 'A'), ($1 || ':b', 'group:/departments/jugend', 'cycle-event', $2, 'B'),
       ($1 || ':c', 'group:/departments/gesundheit', 'cycle-event', $2, 'C')`,
    [`${cycleId}:all-${run}`, cycleId],
  );
  const unreadBefore = (await as(service, 'jugend').get('/v1/notifications')).body.unread as number;
  expect(unreadBefore).toBeGreaterThanOrEqual(2);
  const gesundheitBefore = (await as(service, 'gesundheit').get('/v1/notifications')).body.unread as number;
  const all = await as(service, 'jugend').post('/v1/notifications/read-all');
  expect(all.status).toBe(200);
  expect(all.body).toEqual({ updated: unreadBefore });
  expect((await as(service, 'jugend').get('/v1/notifications')).body.unread).toBe(0);
  expect((await as(service, 'jugend').post('/v1/notifications/read-all')).body).toEqual({ updated: 0 });
  expect((await as(service, 'gesundheit').get('/v1/notifications')).body.unread).toBe(gesundheitBefore);
});
