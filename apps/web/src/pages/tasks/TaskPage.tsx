import { PHASE_LABELS, TASK_LABELS, type TaskType } from '@sozialraum/contracts/browser';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { ApiError } from '../../api/problem';
import { ErrorAlert, Loading } from '../../components/Alert';
import { flash } from '../../lib/flash';
import { formatDate, formatDateTime } from '../../lib/format';
import { TASK_STATUS_LABELS } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { isOverdue, useNow } from '../../lib/useNow';
import { usePageTitle } from '../../lib/usePageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { TASK_FORMS } from './forms';
import { discardDraft } from './forms/use-task-form';
import { TaskAssignment } from './TaskAssignment';
import { TaskComments } from './TaskComments';
import { TaskContext } from './TaskContext';
import { TaskHistory } from './TaskHistory';
import { useCycle, useTask, useTaskActions } from './task-queries';
import { inboxSearch } from './inbox-search';

const route = getRouteApi('/app/aufgaben/$taskId');

export function TaskPage() {
  const { taskId } = route.useParams();
  const task = useTask(taskId);
  const cycle = useCycle(task.data?.cycleId);
  const actions = useTaskActions(taskId);
  const navigate = useNavigate();
  const spaceName = useSpaceName();
  const now = useNow();
  const label = task.data ? (TASK_LABELS[task.data.type as TaskType] ?? task.data.label) : 'Aufgabe';
  usePageTitle(label);

  if (task.isPending) return <Loading what="Die Aufgabe" />;
  if (task.error instanceof ApiError && task.error.status === 404) return <NotFoundPage />;
  if (task.isError) return <ErrorAlert error={task.error} title="Die Aufgabe konnte nicht geladen werden" />;
  const t = task.data;
  const Form = TASK_FORMS[t.type as TaskType];
  const overdue = isOverdue(t, now);

  const complete = async (result: unknown) => {
    await actions.complete.mutateAsync(result);
    discardDraft(taskId);
    flash.set(`„${label}“ ist abgeschlossen. Der Strategiezyklus geht weiter; wer als Nächstes dran ist, findet es in seinen Aufgaben.`);
    await navigate({ to: '/aufgaben', search: inboxSearch.parse({}) });
  };

  return (
    <article className="page task-page">
      <nav aria-label="Brotkrümelnavigation" className="breadcrumb">
        <Link to="/aufgaben" search={inboxSearch.parse({})} className="kern-link">
          Meine Aufgaben
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{label}</span>
      </nav>
      <header className="kern-stack-xs">
        <p className="kern-preline">
          {spaceName(t.spaceCode)} · Phase {PHASE_LABELS[t.phase]}
        </p>
        <h1 className="kern-heading-large">{label}</h1>
        <p className="kern-body">
          {t.status === 'open' ? (
            <>
              Fällig am <time dateTime={t.dueAt}>{formatDate(t.dueAt)}</time>
              {overdue && (
                <span className="kern-badge kern-badge--warning kern-badge--small">
                  <span className="kern-label">Überfällig</span>
                </span>
              )}
              {t.escalationLevel > 0 && (
                <span className="kern-badge kern-badge--danger kern-badge--small">
                  <span className="kern-label">{t.escalationLevel === 1 ? 'Eskaliert an den Arbeitskreis' : 'Eskaliert an den Lenkungskreis'}</span>
                </span>
              )}
            </>
          ) : (
            <span className="kern-badge kern-badge--success">
              <span className="kern-label">
                {TASK_STATUS_LABELS[t.status]}
                {t.completedAt ? ` am ${formatDateTime(t.completedAt)}` : ''}
              </span>
            </span>
          )}
        </p>
      </header>
      <div className="task-layout">
        <div className="task-layout__main kern-stack-lg">
          <TaskContext task={t} cycle={cycle.data} />
          <section aria-labelledby="ihre-antwort" className="kern-stack-md">
            <h2 id="ihre-antwort" className="kern-heading-medium">Ihre Antwort</h2>
            {t.status !== 'open' && <p className="kern-body">Diese Aufgabe ist {TASK_STATUS_LABELS[t.status]?.toLowerCase()}.</p>}
            {t.status === 'open' && Form && <Form task={t} cycle={cycle.data} complete={complete} />}
            {t.status === 'open' && !Form && <p className="kern-body">Für diese Aufgabe gibt es noch kein Formular.</p>}
          </section>
        </div>
        <aside className="task-layout__aside kern-stack-lg" aria-label="Zuständigkeit, Kommentare und Verlauf">
          <TaskAssignment task={t} />
          <TaskComments taskId={t.id} />
          <TaskHistory taskId={t.id} />
        </aside>
      </div>
    </article>
  );
}
