import type { Phase } from '@sozialraum/contracts';
import { acts } from './activities';
import type { Cycle } from './cycle';
import { whileSuspended } from './tasks';

/** Moves the cycle into the next phase (waiting while it is suspended) and writes the timeline. */
export async function enterPhase(cycle: Cycle, phase: Phase): Promise<void> {
  await whileSuspended(cycle);
  const previous = cycle.phase === phase ? undefined : cycle.phase;
  cycle.phase = phase;
  await acts.enterPhase({ cycleId: cycle.id, phase, previous, at: cycle.now() });
  cycle.log('phase-started');
}
