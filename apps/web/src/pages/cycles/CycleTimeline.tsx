import { TASK_HISTORY_LABELS, type TaskHistoryKind } from '@sozialraum/contracts/browser';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { useHistory } from '../tasks/task-queries';
import type { TimelineEntry } from './timeline';

/** One task's own history (claims, comments, reminders, escalations), loaded when someone opens it. */
function TaskHistoryDetails({ taskId }: { taskId: string }) {
  const history = useHistory(taskId);
  if (history.isPending) return <p className="kern-body--small">Verlauf wird geladen …</p>;
  if (history.isError) return <p className="kern-body--small">Der Verlauf dieser Aufgabe ist für Sie nicht einsehbar.</p>;
  return (
    <ol className="history-list">
      {history.data.items.map((item, i) => (
        <li key={i} className="kern-body--small">
          <time dateTime={item.at}>{formatDateTime(item.at)}</time> {item.actor ? `${item.actor.name}: ` : ''}
          {TASK_HISTORY_LABELS[item.kind as TaskHistoryKind] ?? item.kind}
          {item.detail ? ` – ${item.detail}` : ''}
        </li>
      ))}
    </ol>
  );
}

function TaskLinks({ taskId }: { taskId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="timeline__more" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="kern-body--small">Verlauf der Aufgabe</summary>
      {open && <TaskHistoryDetails taskId={taskId} />}
      <Link to="/aufgaben/$taskId" params={{ taskId }} className="kern-link kern-link--small">
        Zur Aufgabe
      </Link>
    </details>
  );
}

/** The cycle's history, oldest first; each task can open its own history. */
export function CycleTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="zeitstrahl" className="kern-stack-sm">
      <h2 id="zeitstrahl" className="kern-heading-medium">
        Zeitstrahl
      </h2>
      <ol className="timeline" data-testid="zeitstrahl">
        {entries.map((entry, i) => (
          <li key={i} className={`timeline__item timeline__item--${entry.kind}`}>
            <time className="kern-body--small kern-body--muted" dateTime={entry.at}>
              {formatDateTime(entry.at)}
            </time>
            <span className="kern-body">
              {entry.text}
              {entry.detail && <span className="kern-body--muted"> – {entry.detail}</span>}
            </span>
            {entry.taskId && entry.kind === 'task-created' && <TaskLinks taskId={entry.taskId} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
