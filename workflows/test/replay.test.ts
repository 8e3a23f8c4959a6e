import { Worker } from '@temporalio/worker';
import { readHistories } from './support/histories';
import { bundleWorkflows, quietRuntime } from './support/stack';

/**
 * Recorded histories of real cycles (`npm run record-histories`) replayed against the current workflow
 * code: a change that would break running cycles (a reordered activity, a timer added in the middle)
 * fails here, before it is deployed. Such a change needs `patched()` or a new workflow type.
 */
describe('replaying recorded cycle histories', () => {
  const histories = readHistories();

  test('when the fixtures are read, then there is a completed and a cancelled cycle among them', () => {
    expect(histories.map((h) => h.file)).toEqual(expect.arrayContaining(['full-cycle.json', 'cancelled-cycle.json']));
  });

  test('when every history is replayed with the current code, then none of them fails', async () => {
    quietRuntime();
    const workflowBundle = await bundleWorkflows();
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'strategy-cycle-replay' }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
