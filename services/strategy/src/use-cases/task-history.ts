import type { Principal } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { type TaskHistoryRecord, taskHistory } from '../data/task-events.repository';
import type { components } from '../generated/api';
import { visibleTask } from './tasks';

type Entry = components['schemas']['TaskHistoryEntry'];

const escalatedTo: Record<string, string> = {
  '1': 'Stufe 1: an den Arbeitskreis Sozialraum',
  '2': 'Stufe 2: an den Lenkungskreis Sozialraumentwicklung',
};

const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

/** The German detail the web app shows as it is (openapi.yaml TaskHistoryEntry). */
function detailOf(row: TaskHistoryRecord, actor: Entry['actor']): string | null {
  switch (row.kind) {
    case 'created':
      return row.info ? `fällig am ${row.info}` : null;
    case 'delegated':
      return row.targetName;
    case 'unclaimed':
      return row.targetName ? `vorher bei ${row.targetName}` : null;
    case 'commented':
      return row.info;
    case 'escalated':
      return escalatedTo[row.info ?? ''] ?? null;
    case 'completed':
      return actor ? null : row.info;
    default:
      return null;
  }
}

/** What happened to a task, oldest first; 404 like reading the task. */
export async function historyOf(pool: Pool, id: string, principal: Principal): Promise<components['schemas']['TaskHistory']> {
  await visibleTask(pool, id, principal);
  const rows = await taskHistory(pool, id);
  return {
    items: rows.map((row) => {
      const actor = person(row.actorId, row.actorName);
      return {
        at: row.at.toISOString(),
        kind: row.kind,
        actor,
        detail: detailOf(row, actor),
        target: row.kind === 'delegated' ? person(row.targetId, row.targetName) : null,
      };
    }),
  };
}
