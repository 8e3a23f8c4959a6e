import type { Phase } from '@sozialraum/contracts';
import { patched } from '@temporalio/workflow';
import { acts } from './activities';
import type { Cycle } from './cycle';
import { background, whileSuspended } from './tasks';

/**
 * Since this patch, the phase's timeline row is written beside the phase's first work (its first task)
 * instead of before it: a person waiting for that task waits for one activity, not two in a row.
 */
export const PHASE_WRITE_BESIDE_WORK = 'phase-write-beside-work';

/** Moves the cycle into the next phase (waiting while it is suspended) and writes the timeline. */
export async function enterPhase(cycle: Cycle, phase: Phase): Promise<void> {
  await whileSuspended(cycle);
  const previous = cycle.phase === phase ? undefined : cycle.phase;
  cycle.phase = phase;
  const entry = { cycleId: cycle.id, phase, previous, at: cycle.now() };
  if (patched(PHASE_WRITE_BESIDE_WORK)) {
    // Phase writes stay in order among themselves (a short phase must not overtake the one before it).
    cycle.phaseWritten = cycle.phaseWritten.then(() => acts.enterPhase(entry));
    background(cycle.phaseWritten);
  } else {
    await acts.enterPhase(entry);
  }
  cycle.log('phase-started');
}
