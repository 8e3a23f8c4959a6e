// The baseline of the strategy benchmark: the bare Temporal path a task completion also takes — a message
// into a workflow, an activity, a database write — without the strategy logic around it.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { RoundTripActivities } from './activities';

export const pingSignal = defineSignal<[number]>('ping');

const { write } = proxyActivities<RoundTripActivities>({ startToCloseTimeout: '10 seconds' });

export async function roundTrip(id: string, rounds: number): Promise<void> {
  const pending: number[] = [];
  setHandler(pingSignal, (n) => void pending.push(n));
  for (let done = 0; done < rounds; done++) {
    await condition(() => pending.length > 0);
    await write(id, pending.shift() as number);
  }
}
