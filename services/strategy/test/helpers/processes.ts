import { join } from 'node:path';
import { call, startProcess, type StartedProcess, waitUntilOk } from '@sozialraum/kit/testing';
import { tokenOf } from './strategy';

/**
 * The real monitoring service as its own process on this test's database (migrated like every service
 * before the tests), for alert checks and the workflow's evidence snapshots.
 */
export async function startMonitoring(): Promise<StartedProcess> {
  const monitoring = await startProcess(join(__dirname, '../../../monitoring/dist/index.js'), { LOG_LEVEL: 'warn', RUN_JOBS: 'false' });
  await waitUntilOk(`${monitoring.url}/health/ready`, 30_000);
  return monitoring;
}

export async function stopProcess(process: StartedProcess): Promise<void> {
  if (process.child.exitCode === null) process.child.kill('SIGTERM');
  await process.exited;
}

/** Makes sure the space exists in monitoring (a real one keeps its data) and returns a fresh open alert on it. */
export async function alertOn(monitoring: StartedProcess, pool: { query: (sql: string, params: unknown[]) => Promise<{ rows: Array<{ id: number }> }> }, spaceCode: string, run: string): Promise<number> {
  await call(`${monitoring.url}/v1/spaces`, { token: await tokenOf('planer'), method: 'POST', body: { code: spaceCode, name: `Testraum ${spaceCode}`, type: 'social-space' } });
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
  const strategy = await startProcess(join(__dirname, '../../dist/index.js'), { LOG_LEVEL: 'warn', NOTIFICATION_RELAY_MS: '1000', ...env });
  await waitUntilOk(`${strategy.url}/health/ready`, 30_000);
  return strategy;
}
