import { TASK_HISTORY_LABELS, type TaskHistoryKind } from '@sozialraum/contracts/browser';
import { formatDateTime } from '../../lib/format';
import { useHistory } from './task-queries';


/** What happened to the task, oldest first. */
export function TaskHistory({ taskId }: { taskId: string }) {
  const history = useHistory(taskId);
  return (
    <section aria-labelledby="verlauf" className="kern-stack-sm">
      <h2 id="verlauf" className="kern-heading-small">Verlauf</h2>
      <ol className="history-list">
        {history.data?.items.map((item, i) => (
          <li key={i}>
            <time className="kern-body--small kern-body--muted" dateTime={item.at}>
              {formatDateTime(item.at)}
            </time>
            <span className="kern-body">
              {' '}
              {item.actor ? `${item.actor.name}: ` : ''}
              {TASK_HISTORY_LABELS[item.kind as TaskHistoryKind] ?? item.kind}
              {item.detail ? ` – ${item.detail}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
