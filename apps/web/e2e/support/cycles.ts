import { Client, Connection } from '@temporalio/client';

export const TASK_QUEUE_PREFIX = 'web-e2e-';

/**
 * Ends the cycles the browser tests ran (task queues `web-e2e-…`): their spaces are free again for the next
 * run and for other tests sharing the test namespace, also after a run that crashed.
 */
export async function endBrowserTestCycles(): Promise<void> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  try {
    const { workflow } = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    for await (const execution of workflow.list({ query: 'ExecutionStatus = "Running" AND WorkflowId STARTS_WITH "cycle-"' })) {
      if (execution.taskQueue.startsWith(TASK_QUEUE_PREFIX)) await workflow.getHandle(execution.workflowId).terminate('browser test cleanup').catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}
