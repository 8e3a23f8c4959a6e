import { waitFor } from '@sozialraum/kit/testing';
import { as, runId, seedCycle, startStrategy, type StrategyService } from './helpers/strategy';
import { startSmtpSink } from './helpers/smtp';

/** Delivery: the notification table is the outbox; the relay queues what is undelivered, the job mails it. */
let service: StrategyService;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const run = runId();
const cycleId = `cycle-N${run}-1`;

beforeAll(async () => {
  smtp = await startSmtpSink();
  service = await startStrategy({ SMTP_URL: smtp.url, MAIL_FROM: 'sozialraum@test.example' });
  await seedCycle(service.deps.pool, { id: cycleId, space: `N${run}`, number: 1 });
});
afterAll(async () => {
  await service.deps.pool.query('DELETE FROM cycle WHERE id = $1', [cycleId]);
  await service.close();
  await smtp.close();
});

const channelOf = async (id: string) =>
  (await service.deps.pool.query<{ channel: string | null }>('SELECT channel FROM notification WHERE id = $1', [id])).rows[0]?.channel;

test('when SMTP is configured, then a group notification written by the workflow is mailed to the group\'s known members and marked as e-mail', async () => {
  await as(service, 'wohnen').get('/v1/tasks'); // wohnen signs in: the service learns their address and groups
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

test('when a recipient has no known address, then the notification stays in the feed', async () => {
  const id = `${cycleId}/nobody:task-created`;
  await service.deps.pool.query(
    `INSERT INTO notification (id, recipient, kind, cycle_id, title) VALUES ($1, 'group:/departments/nobody-${run}', 'task-created', $2, 'Niemand')`,
    [id, cycleId],
  );
  await waitFor(async () => (await channelOf(id)) === 'feed', 15_000, 'channel feed');
});
