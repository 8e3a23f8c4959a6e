import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryAndWorkflowId, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');
const History = temporal.api.history.v1.History;

// Written with protobufjs' own toObject/fromObject: the SDK's historyToJSON trips over two protobufjs
// copies in node_modules ("type must be a Type"), and this round-trips exactly with the same classes.
const asJson = { longs: String, enums: String, bytes: String, defaults: false } as const;

/**
 * With RECORD_HISTORIES=1 (`npm run record-histories`), tests that finish a cycle write its history as a
 * fixture for the replay test. Commit the files: they are what "the code still replays old cycles" means.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = History.toObject(History.fromObject(await handle.fetchHistory()), asJson);
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify({ workflowId: handle.workflowId, history })}\n`);
}

export function readHistories(): Array<HistoryAndWorkflowId & { file: string }> {
  return readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const { workflowId, history } = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')) as { workflowId: string; history: Record<string, unknown> };
      return { file, workflowId, history: History.fromObject(history) };
    });
}
