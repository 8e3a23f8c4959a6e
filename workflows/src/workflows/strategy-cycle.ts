import {
  cancelCycleUpdate, completeTaskUpdate, type CycleInput, type CycleOutcome, type CycleStatus, historyQuery, measureEventSignal, openTasksQuery, phaseQuery,
  resumeSignal, stateQuery, suspendSignal,
} from '@sozialraum/contracts';
import { allHandlersFinished, CancellationScope, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { acts } from './activities';
import { Cycle } from './cycle';
import { analysis, goalSetting, participation } from './early-phases';
import { applyMeasureEvent, decision, implementation, measureDevelopment } from './measure-phases';
import { finish, reflection } from './reflection';
import { validateCancel, validateCompletion } from './rules';
import { completeTask } from './tasks';

/**
 * One strategy cycle of one space (workflow ID `cycleWorkflowId(space, number)`): its phases in order, human
 * steps as tasks completed through the `completeTask` update, then the next cycle as a new workflow.
 */
export async function strategyCycle(input: CycleInput): Promise<CycleOutcome> {
  const cycle = new Cycle(input);
  // Everything the phases run is inside `main`, so cancelling the cycle stops it wherever it waits.
  const main = new CancellationScope();
  registerHandlers(cycle, main);
  void syncStatus(cycle);

  try {
    const nextCycleId = await main.run(async () => {
      await acts.recordCycle({ cycleId: cycle.id, spaceCode: input.spaceCode, number: input.number, alertId: input.alertId, startedBy: input.startedBy, at: cycle.now() });
      cycle.recorded = true;
      cycle.log('cycle-started', { by: input.startedBy });
      await analysis(cycle);
      await participation(cycle);
      await goalSetting(cycle);
      const proposed = await measureDevelopment(cycle);
      await decision(cycle, proposed);
      await implementation(cycle);
      await reflection(cycle);
      return finish(cycle);
    });
    await condition(allHandlersFinished);
    await cycle.completionsWritten;
    return { status: 'completed', nextCycleId };
  } catch (error) {
    if (!isCancellation(error)) throw error;
    if (cycle.status !== 'cancelled') {
      // Cancelled from Temporal itself (not through cancelCycle): still close the read model.
      cycle.status = 'cancelled';
      await CancellationScope.nonCancellable(() => acts.cancelCycle({ cycleId: cycle.id, reason: 'cancelled in Temporal', at: cycle.now() }));
    }
    await condition(allHandlersFinished);
    await cycle.completionsWritten;
    return { status: 'cancelled' };
  }
}

const MEASURE_EVENTS_TO_READ_MODEL = 'measure-events-to-read-model';

function registerHandlers(cycle: Cycle, main: CancellationScope): void {
  setHandler(stateQuery, () => cycle.state());
  setHandler(phaseQuery, () => cycle.phase);
  setHandler(openTasksQuery, () => cycle.openTasks());
  setHandler(historyQuery, () => cycle.history);

  setHandler(completeTaskUpdate, (update) => completeTask(cycle, update), { validator: (update) => validateCompletion(cycle, update) });

  setHandler(
    cancelCycleUpdate,
    async ({ reason, by }) => {
      cycle.status = 'cancelled';
      cycle.statusReason = reason;
      cycle.log('cycle-cancelled', { by, detail: reason });
      for (const task of cycle.tasks.values()) {
        if (task.status !== 'open') continue;
        task.status = 'cancelled';
        task.timers?.cancel();
      }
      main.cancel();
      await acts.cancelCycle({ cycleId: cycle.id, reason, at: cycle.now() });
    },
    { validator: (update) => validateCancel(cycle, update) },
  );

  setHandler(suspendSignal, ({ reason, by }) => {
    if (cycle.status !== 'running') return;
    cycle.status = 'suspended';
    cycle.statusReason = reason;
    cycle.log('cycle-suspended', { by, detail: reason });
  });
  setHandler(resumeSignal, ({ by }) => {
    if (cycle.status !== 'suspended') return;
    cycle.status = 'running';
    cycle.statusReason = undefined;
    cycle.log('cycle-resumed', { by });
  });
  setHandler(measureEventSignal, async (event) => {
    if (!applyMeasureEvent(cycle, event)) return;
    // Cycles whose history predates this only logged the events; new ones also update the read model's copy.
    if (patched(MEASURE_EVENTS_TO_READ_MODEL)) await acts.recordMeasureEvent(event);
  });
}

/** Writes running ⇄ suspended to the read model one change at a time, so quick toggles land in order. */
async function syncStatus(cycle: Cycle): Promise<void> {
  await condition(() => cycle.recorded);
  let written: CycleStatus = 'running'; // what recordCycle wrote
  for (;;) {
    await condition(() => cycle.status !== written);
    const status = cycle.status;
    if (status !== 'running' && status !== 'suspended') return;
    await acts.setCycleStatus({ cycleId: cycle.id, status, reason: cycle.statusReason });
    written = status;
  }
}
