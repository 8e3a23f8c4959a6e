import { join } from 'node:path';
import { call, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';
import { tokenOf } from './strategy';

/**
 * The real monitoring service as its own process on this test's database (migrated like every service
 * before the tests), for alert checks and, given the test's cycle queue, the cycle's evidence snapshots
 * and alert hand-overs (its activities on `<queue>.monitoring`).
 */
export async function startMonitoring(cycleTaskQueue?: string): Promise<StartedProcess> {
  const activities = cycleTaskQueue ? { RUN_ACTIVITIES: 'true', CYCLE_TASK_QUEUE: cycleTaskQueue } : { RUN_ACTIVITIES: 'false' };
  const monitoring = await startProcess(join(__dirname, '../../../monitoring/dist/index.js'), { LOG_LEVEL: 'warn', RUN_JOBS: 'false', ...activities });
  await waitUntilOk(`${monitoring.url}/health/ready`, 30_000);
  return monitoring;
}

export async function stopProcess(process: StartedProcess): Promise<void> {
  if (process.child.exitCode === null) process.child.kill('SIGTERM');
  await process.exited;
}

/** Makes sure the spaces exist in monitoring, where cycles can start (a space there already keeps its data). */
export async function ensureSpaces(monitoring: StartedProcess, ...codes: string[]): Promise<void> {
  const token = await tokenOf('planer');
  for (const code of codes) {
    const created = await call(`${monitoring.url}/v1/spaces`, { token, method: 'POST', body: { code, name: `Testraum ${code}`, type: 'social-space' } });
    if (created.status !== 201 && created.status !== 409) throw new Error(`space ${code}: ${created.status} ${JSON.stringify(created.body)}`);
  }
}

/** Makes sure the space exists in monitoring and returns a fresh open alert on it. */
export async function alertOn(monitoring: StartedProcess, pool: { query: (sql: string, params: unknown[]) => Promise<{ rows: Array<{ id: number }> }> }, spaceCode: string, run: string): Promise<number> {
  await ensureSpaces(monitoring, spaceCode);
  // Alerts come from evaluating rules on imported values; the test writes one the way the evaluation does.
  const { rows } = await pool.query(
    `INSERT INTO monitoring.alert (rule_key, space_id, period, indicator_key, message, evidence)
     SELECT 'status-class-4', id, $2, '', 'Sehr niedriger Status', '{}' FROM monitoring.space WHERE code = $1 AND valid_until IS NULL
     RETURNING id`,
    [spaceCode, `test-${run}`],
  );
  return Number(rows[0]!.id);
}

/** The strategy service as built (dist/index.js), as its own process, as `npm start` and Kubernetes run it. */
export async function startStrategyProcess(env: Record<string, string>): Promise<StartedProcess> {
  const strategy = await startProcess(join(__dirname, '../../dist/index.js'), { LOG_LEVEL: 'warn', NOTIFICATION_RELAY_MS: '1000', RUN_ACTIVITIES: 'false', ...env });
  await waitUntilOk(`${strategy.url}/health/ready`, 30_000);
  return strategy;
}
