import { cancelCycleUpdate, resumeSignal, suspendSignal } from '@sozialraum/contracts';
import { type Principal, problems } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { decisionsOf, goalsOf, needsOf, participationOf, proposalsOf } from '../data/cycle-content.repository';
import { type CycleFilter, type CycleRecord, findCycle, listCycles, phasesOf } from '../data/cycles.repository';
import type { Page } from '../data/db';
import { openTasksOf } from '../data/tasks.repository';
import type { StrategyDependencies } from '../dependencies';
import type { components } from '../generated/api';
import { contentScope, taskReader } from './access';
import { cycleView, decisionView, participationView, phaseView, taskView } from './views';
import { waitForCycle, workflowRefusal } from './workflow';

type Schemas = components['schemas'];

/** The cycles of the filter, each with the counts of its open and overdue tasks as far as the reader may see them. */
export async function findCycles(pool: Pool, filter: CycleFilter, page: Page, principal: Principal): Promise<Schemas['CyclePage']> {
  const { rows, total } = await listCycles(pool, taskReader(principal), filter, page);
  return { items: rows.map((row) => ({ ...cycleView(row), taskCounts: { open: row.openTasks, overdue: row.overdueTasks } })), total };
}

async function getCycleRow(pool: Pool, id: string): Promise<CycleRecord> {
  const row = await findCycle(pool, id);
  if (!row) throw problems.notFound(`There is no cycle ${id}.`);
  return row;
}

/** Everything about one cycle; needs, proposals, decisions and tasks only as far as the reader may see them. */
export async function getCycleDetail(pool: Pool, id: string, principal: Principal): Promise<Schemas['CycleDetail']> {
  const row = await getCycleRow(pool, id);
  const departments = contentScope(principal);
  const [phases, participation, goals, needs, proposals, decisions, openTasks] = await Promise.all([
    phasesOf(pool, id),
    participationOf(pool, id),
    goalsOf(pool, id),
    needsOf(pool, id, departments),
    proposalsOf(pool, id, departments),
    decisionsOf(pool, id, departments),
    openTasksOf(pool, id, taskReader(principal)),
  ]);
  return {
    ...cycleView(row),
    phases: phases.map(phaseView),
    evidence: row.evidence,
    reflection: row.reflection,
    participation: participation.map(participationView),
    goals,
    needs,
    proposals,
    decisions: decisions.map(decisionView),
    openTasks: openTasks.map(taskView),
  };
}

type Deps = Pick<StrategyDependencies, 'pool' | 'temporal' | 'temporalDeadline'>;
export type CycleCommand = 'suspend' | 'resume' | 'cancel';

const allowedFrom: Record<CycleCommand, string[]> = {
  suspend: ['running'],
  resume: ['suspended'],
  cancel: ['running', 'suspended'],
};
const resultingStatus: Record<CycleCommand, string> = { suspend: 'suspended', resume: 'running', cancel: 'cancelled' };

/**
 * Suspend and resume are signals (the workflow takes them whenever it runs next); cancel is an update, so
 * the planner learns whether the workflow accepted it. The answer waits briefly for the read model.
 */
export async function commandCycle(deps: Deps, id: string, command: CycleCommand, principal: Principal, reason?: string): Promise<Schemas['Cycle']> {
  const row = await getCycleRow(deps.pool, id);
  if (!allowedFrom[command].includes(row.status)) {
    throw problems.conflict(`Cycle ${id} is ${row.status}; it cannot be ${command === 'cancel' ? 'cancelled' : `${command}d`}.`, { cycleStatus: row.status });
  }
  const by = { id: principal.id, name: principal.name };
  const handle = deps.temporal.workflow.getHandle(id);
  try {
    await deps.temporalDeadline(async () => {
      if (command === 'suspend') await handle.signal(suspendSignal, { reason: reason ?? '', by });
      else if (command === 'resume') await handle.signal(resumeSignal, { by });
      else await handle.executeUpdate(cancelCycleUpdate, { args: [{ reason: reason ?? '', by }] });
    });
  } catch (error) {
    throw workflowRefusal(error) ?? error;
  }
  const status = resultingStatus[command];
  const updated = (await waitForCycle(deps.pool, id, (r) => r.status === status, 2_000)) ?? row;
  // The workflow has taken the command (Temporal holds the truth); the read model may follow a moment later.
  return { ...cycleView(updated), status: status as Schemas['CycleStatus'], ...(reason && updated.status !== status ? { statusReason: reason } : {}) };
}
