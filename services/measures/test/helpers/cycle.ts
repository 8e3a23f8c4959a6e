import { createHash } from 'node:crypto';
import { type CandidateGroup, candidates, completeTaskUpdate, type CycleInput, type CycleOutcome, cycleWorkflowId, historyQuery, type Person, phaseQuery } from '@sozialraum/contracts';
import { createPool, type Pool } from '@sozialraum/kit/db';
import { closeTemporalWorker, createTemporalWorker } from '@sozialraum/kit/temporal';
import { startCycleServices, stackEnv, testLogger, waitFor } from '@sozialraum/kit/testing';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';

/** The people who work on a cycle's tasks, with the candidate groups the strategy service would pass for them. */
export const people = (space: string) => {
  const person = (id: string, name: string, groups: CandidateGroup[]) => ({ id, name, groups });
  return {
    planer: person('u-planer', 'Paula Planer', [candidates.planners, candidates.workingGroup]),
    koordination: person('u-koordination', 'Kim Koordination', ['role:coordinator', candidates.coordination(space)]),
    soziales: person('u-soziales', 'Sami Soziales', [candidates.department('soziales')]),
    jugend: person('u-jugend', 'Jana Jugend', [candidates.department('jugend')]),
    lenkung: person('u-lenkung', 'Lea Lenkung', [candidates.steeringCommittee]),
  };
};
export type Actor = Person & { groups: CandidateGroup[] };

export interface TaskRow {
  id: string;
  type: string;
  status: string;
  department: string | null;
  measure_ids: string[];
}

/** One cycle, driven as the strategy service drives it: tasks read from the read model, completed by update (update ID = task ID). */
export class CycleRun {
  constructor(
    readonly id: string,
    readonly handle: WorkflowHandle,
    private readonly pool: Pool,
  ) {}

  async tasks(): Promise<TaskRow[]> {
    const { rows } = await this.pool.query<TaskRow>(`SELECT id, type, status, department, measure_ids FROM task WHERE cycle_id = $1 ORDER BY created_at, id`, [this.id]);
    return rows;
  }

  /** The open task of a type (and department), once it shows in the inbox; `except` skips tasks already done. */
  async openTask(type: string, department?: string, except: string[] = []): Promise<TaskRow> {
    let found: TaskRow | undefined;
    const matches = (t: TaskRow) => t.status === 'open' && t.type === type && (!department || t.department === department) && !except.includes(t.id);
    await waitFor(async () => !!(found = (await this.tasks()).find(matches)), 20_000, `open ${type}${department ? ` of ${department}` : ''}`);
    return found as TaskRow;
  }

  async complete(type: string, by: Actor, result: unknown, department?: string, except?: string[]): Promise<TaskRow> {
    const task = await this.openTask(type, department, except);
    // One update ID per task and result, as the strategy service sends it: a corrected result is a new update.
    const updateId = `${task.id}#${createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16)}`;
    await this.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, result, by }], updateId });
    return task;
  }

  phase = () => this.handle.query(phaseQuery);
  history = () => this.handle.query(historyQuery);
  result = () => this.handle.result() as Promise<CycleOutcome>;
}

export interface CycleStack {
  /** The strategy read model (schema strategy), which the strategy service's activities write. */
  pool: Pool;
  client: Client;
  start(space: string, timings: CycleInput['timings']): Promise<CycleRun>;
  close(): Promise<void>;
}

/**
 * A running cycle on the test's own task queue: the workflows in a worker in this process, the strategy
 * service's activities in the built strategy service (read model in this test's database), monitoring's in a
 * built monitoring service on the same database, and the measures activities in the measures service the test started with the same
 * CYCLE_TASK_QUEUE.
 */
export async function startCycleStack(options: { taskQueue: string; monitoringUrl: string }): Promise<CycleStack> {
  const bundle = bundleWorkflowCode({ workflowsPath: require.resolve('@sozialraum/workflows/dist/workflows'), logger: new DefaultLogger('ERROR') });
  const pool = createPool({ connectionString: stackEnv('DATABASE_URL'), schema: 'strategy' });
  const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace });
  const strategy = await startCycleServices({ taskQueue: options.taskQueue, services: ['strategy', 'monitoring'], env: { MONITORING_URL: options.monitoringUrl } });
  const { worker, connection: workerConnection } = await createTemporalWorker({
    address: stackEnv('TEMPORAL_ADDRESS'),
    namespace,
    logger: testLogger(),
    worker: { taskQueue: options.taskQueue, workflowBundle: await bundle },
  });
  const stop = closeTemporalWorker(worker, workerConnection, worker.run());
  const spaces = new Set<string>();

  return {
    pool,
    client,
    start: async (space, timings) => {
      spaces.add(space);
      const id = cycleWorkflowId(space, 1);
      const input: CycleInput = { spaceCode: space, number: 1, startedBy: { id: 'u-planer', name: 'Paula Planer' }, timings };
      const handle = await client.workflow.start('strategyCycle', { workflowId: id, taskQueue: options.taskQueue, args: [input] });
      return new CycleRun(id, handle, pool);
    },
    close: async () => {
      // This run's cycles (and the next cycles they started) end with the test.
      for (const space of spaces) {
        for await (const execution of client.workflow.list({ query: `WorkflowId STARTS_WITH "cycle-${space}-" AND ExecutionStatus = "Running"` })) {
          await client.workflow.getHandle(execution.workflowId).terminate('test cleanup').catch(() => undefined);
        }
      }
      await stop.close();
      await strategy.close();
      await connection.close();
      await pool.end();
    },
  };
}
