import { completeTaskUpdate, type CycleInput, type CycleTimings, cycleWorkflowId, type CandidateGroup, type Person } from '@sozialraum/contracts';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Pool } from '@sozialraum/kit/db';
import { waitFor } from '@sozialraum/kit/testing';

export const timings = (overrides: Partial<CycleTimings> = {}): CycleTimings => ({
  taskDueMs: 120_000, reminderBeforeMs: 10_000, escalationAfterMs: 60_000, reportIntervalMs: 1_000, implementationMs: 60_000, ...overrides,
});

/** A space code no other run uses, so test files share Temporal and the database without meeting. */
export const uniqueSpace = (prefix = 'T') => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

export type Actor = Person & { groups: CandidateGroup[] };

/** The people of the demo realm, as the strategy service passes them to the workflow. */
export const people = (space: string) => ({
  planer: { id: 'u-planer', name: 'Paula Planer', groups: ['role:planner', 'group:/committees/working-group'] },
  koordination: { id: 'u-koordination', name: 'Kim Koordination', groups: ['role:coordinator', `group:/coordination/${space}`] },
  jugend: { id: 'u-jugend', name: 'Jana Jugend', groups: ['role:department-staff', 'group:/departments/jugend'] },
  soziales: { id: 'u-soziales', name: 'Sami Soziales', groups: ['role:department-staff', 'group:/departments/soziales'] },
  lenkung: { id: 'u-lenkung', name: 'Lea Lenkung', groups: ['role:steering-committee', 'group:/committees/steering-committee'] },
}) satisfies Record<string, Actor>;

export interface TaskRow {
  id: string;
  key: string;
  type: string;
  phase: string;
  status: string;
  candidate_groups: string[];
  department: string | null;
  measure_ids: string[];
  escalation_level: number;
  context: Record<string, unknown>;
  result: unknown;
}

/** Drives one cycle the way the strategy service does: it reads tasks from the read model and completes them by update. */
export class CycleDriver {
  readonly taskQueue: string;
  constructor(
    readonly client: Client,
    readonly pool: Pool,
    readonly handle: WorkflowHandle,
    readonly id: string,
    taskQueue: string,
  ) {
    this.taskQueue = taskQueue;
  }

  static async start(client: Client, pool: Pool, options: { space: string; number?: number; taskQueue: string; timings?: CycleTimings; alertId?: number }) {
    const number = options.number ?? 1;
    const id = cycleWorkflowId(options.space, number);
    const input: CycleInput = {
      spaceCode: options.space, number, startedBy: { id: 'u-planer', name: 'Paula Planer' }, timings: options.timings ?? timings(), alertId: options.alertId,
    };
    const handle = await client.workflow.start('strategyCycle', { workflowId: id, taskQueue: options.taskQueue, args: [input] });
    return new CycleDriver(client, pool, handle, id, options.taskQueue);
  }

  taskId(key: string): string {
    return `${this.id}/${key}`;
  }

  async task(key: string): Promise<TaskRow | undefined> {
    const { rows } = await this.pool.query<TaskRow>(`SELECT * FROM task WHERE id = $1`, [this.taskId(key)]);
    return rows[0];
  }

  /** Waits until the task shows in the read model as open, as it would in the inbox. */
  async openTask(key: string, timeoutMs = 20_000): Promise<TaskRow> {
    let row: TaskRow | undefined;
    await waitFor(async () => (row = await this.task(key))?.status === 'open', timeoutMs, `task ${key} open`);
    return row as TaskRow;
  }

  /** Completes a task as the strategy service does: update ID = task ID. */
  async complete(key: string, by: Actor, result: unknown, updateId = this.taskId(key)) {
    await this.openTask(key);
    return this.send(key, by, result, updateId);
  }

  send(key: string, by: Actor, result: unknown, updateId = this.taskId(key)) {
    return this.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: this.taskId(key), result, by }], updateId });
  }

  async tasks(): Promise<TaskRow[]> {
    const { rows } = await this.pool.query<TaskRow>(`SELECT * FROM task WHERE cycle_id = $1 ORDER BY created_at, id`, [this.id]);
    return rows;
  }
}

/** The open task of a type (and department), whatever its running number: report rounds depend on timing. */
export async function openTaskOf(driver: CycleDriver, type: string, department?: string, timeoutMs = 20_000): Promise<TaskRow> {
  let found: TaskRow | undefined;
  await waitFor(
    async () => {
      found = (await driver.tasks()).find((t) => t.status === 'open' && t.type === type && (!department || t.department === department));
      return !!found;
    },
    timeoutMs,
    `open ${type} task${department ? ` of ${department}` : ''}`,
  );
  return found as TaskRow;
}

/** What a refused update tells the caller: the failure type, message and field problems. */
export async function refusal(sent: Promise<unknown>): Promise<{ type?: string; message: string; details: unknown[] }> {
  try {
    await sent;
  } catch (error) {
    const cause = (error as { cause?: { type?: string; message: string; details?: unknown[] } }).cause;
    if (cause) return { type: cause.type, message: cause.message, details: cause.details ?? [] };
    throw error;
  }
  throw new Error('the update was accepted');
}
