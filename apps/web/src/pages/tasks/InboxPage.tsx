import { PHASE_LABELS, PHASES, TASK_LABELS, TASK_TYPES, type TaskType } from '@sozialraum/contracts/browser';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { seesAllDepartments, useMe } from '../../api/context';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { flash } from '../../lib/flash';
import { Field } from '../../components/Field';
import { FilterSelect } from '../../components/FilterSelect';
import { Pagination } from '../../components/Pagination';
import { formatDate, formatRelative } from '../../lib/format';
import { candidateGroupLabel } from '../../lib/labels';
import { useSpaceName, useSpaces } from '../../lib/spaces';
import { isOverdue, useNow } from '../../lib/useNow';
import { usePageTitle } from '../../lib/usePageTitle';
import { useInbox, useInboxCounts } from './inbox-queries';
import { INBOX_PAGE_SIZE, type InboxSearch } from './inbox-search';

const route = getRouteApi('/app/aufgaben');

const SORTS: Array<{ value: InboxSearch['sort']; label: string }> = [
  { value: 'due', label: 'Fällig – früheste zuerst' },
  { value: '-due', label: 'Fällig – späteste zuerst' },
  { value: '-created', label: 'Neueste zuerst' },
  { value: 'created', label: 'Älteste zuerst' },
  { value: 'priority', label: 'Priorität – höchste zuerst' },
];

export function InboxPage() {
  usePageTitle('Meine Aufgaben');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  const counts = useInboxCounts();
  const inbox = useInbox(search);
  const spaces = useSpaces();
  const spaceName = useSpaceName();
  const now = useNow();
  const [done] = useState(() => flash.take());
  const set = (change: Partial<InboxSearch>) => void navigate({ search: (prev) => ({ ...prev, page: 1, ...change }) });

  const views: Array<{ view: InboxSearch['view']; label: string; count: number | null | undefined }> = [
    { view: 'groups', label: 'Meine Gruppen', count: counts.data?.groups },
    { view: 'mine', label: 'Mir zugewiesen', count: counts.data?.mine },
    ...(seesAllDepartments(me.data) ? [{ view: 'all' as const, label: 'Alle Abteilungen', count: counts.data?.all }] : []),
  ];

  return (
    <section className="page">
      <h1 className="kern-heading-large">Meine Aufgaben</h1>
      {done && <Alert tone="success" title="Erledigt">{done}</Alert>}
      <nav aria-label="Ansichten des Posteingangs" className="view-tabs">
        <ul>
          {views.map(({ view, label, count }) => (
            <li key={view}>
              <Link to="/aufgaben" search={{ ...search, view, page: 1 }} aria-current={search.view === view ? 'page' : undefined}>
                {label}
                {count !== undefined && count !== null && <span className="count-badge count-badge--muted">{count}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {counts.data && (
        <p className="inbox-summary kern-body" aria-live="polite">
          <button type="button" className="chip chip--danger" aria-pressed={search.due === 'overdue'} onClick={() => set({ due: search.due === 'overdue' ? undefined : 'overdue' })}>
            {counts.data.overdue} überfällig
          </button>
          <button type="button" className="chip" aria-pressed={search.assigned === 'unassigned'} onClick={() => set({ assigned: search.assigned === 'unassigned' ? undefined : 'unassigned' })}>
            {counts.data.unassigned} nicht zugewiesen
          </button>
          <span className="chip chip--static">{counts.data.escalated} eskaliert</span>
        </p>
      )}

      <form className="filters" aria-label="Aufgaben filtern" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Sozialraum" all="Alle Sozialräume" value={search.space} options={(spaces.data ?? []).map((s) => ({ value: s.code, label: s.name }))} onChange={(space) => set({ space })} />
        <Field label="Aufgabe" kind="select">
          {(props) => (
            <select {...props} value={search.type ?? ''} onChange={(e) => set({ type: e.target.value || undefined })}>
              <option value="">Alle Aufgabenarten</option>
              {TASK_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TASK_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Phase" kind="select">
          {(props) => (
            <select {...props} value={search.phase ?? ''} onChange={(e) => set({ phase: (e.target.value || undefined) as InboxSearch['phase'] })}>
              <option value="">Alle Phasen</option>
              {PHASES.map((p) => (
                <option key={p} value={p}>
                  {PHASE_LABELS[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Fälligkeit" kind="select">
          {(props) => (
            <select {...props} value={search.due ?? ''} onChange={(e) => set({ due: (e.target.value || undefined) as InboxSearch['due'] })}>
              <option value="">Alle</option>
              <option value="overdue">Überfällig</option>
              <option value="soon">In den nächsten 3 Tagen fällig</option>
            </select>
          )}
        </Field>
        <Field label="Zuständigkeit" kind="select">
          {(props) => (
            <select {...props} value={search.assigned ?? ''} onChange={(e) => set({ assigned: (e.target.value || undefined) as InboxSearch['assigned'] })}>
              <option value="">Alle</option>
              <option value="me">Mir zugewiesen</option>
              <option value="unassigned">Nicht zugewiesen</option>
            </select>
          )}
        </Field>
        <Field label="Sortierung" kind="select">
          {(props) => (
            <select {...props} value={search.sort} onChange={(e) => set({ sort: e.target.value as InboxSearch['sort'] })}>
              {SORTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>

      {inbox.isPending && <Loading what="Aufgaben" />}
      {inbox.isError && <ErrorAlert error={inbox.error} title="Die Aufgaben konnten nicht geladen werden" />}
      {inbox.data && inbox.data.items.length === 0 && <p className="kern-body empty">Keine offenen Aufgaben in dieser Ansicht.</p>}
      {inbox.data && inbox.data.items.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped" aria-describedby="inbox-caption">
            <caption id="inbox-caption" className="kern-title">
              {inbox.data.total} {inbox.data.total === 1 ? 'Aufgabe' : 'Aufgaben'}
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Aufgabe</th>
                <th scope="col" className="kern-table__header">Sozialraum</th>
                <th scope="col" className="kern-table__header">Phase</th>
                <th scope="col" className="kern-table__header" aria-sort={search.sort === 'due' ? 'ascending' : search.sort === '-due' ? 'descending' : undefined}>
                  Fällig
                </th>
                <th scope="col" className="kern-table__header">Zuständig</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {inbox.data.items.map((task) => {
                const overdue = isOverdue(task, now);
                return (
                  <tr key={task.id} className="kern-table__row" data-testid="aufgabe">
                    <td className="kern-table__cell">
                      <Link to="/aufgaben/$taskId" params={{ taskId: task.id }} className="kern-link">
                        {TASK_LABELS[task.type as TaskType] ?? task.label}
                      </Link>
                      {task.escalationLevel > 0 && (
                        <span className="kern-badge kern-badge--danger kern-badge--small">
                          <span className="kern-label">{task.escalationLevel === 1 ? 'Eskaliert an den Arbeitskreis' : 'Eskaliert an den Lenkungskreis'}</span>
                        </span>
                      )}
                    </td>
                    <td className="kern-table__cell">{spaceName(task.spaceCode)}</td>
                    <td className="kern-table__cell">{PHASE_LABELS[task.phase]}</td>
                    <td className="kern-table__cell">
                      <time dateTime={task.dueAt}>{formatDate(task.dueAt)}</time>
                      {overdue ? (
                        <span className="kern-badge kern-badge--warning kern-badge--small">
                          <span className="kern-label">Überfällig</span>
                        </span>
                      ) : (
                        <span className="kern-body--small kern-body--muted"> ({formatRelative(task.dueAt, now)})</span>
                      )}
                    </td>
                    <td className="kern-table__cell">{task.assignee ? task.assignee.name : <span className="kern-body--muted">{task.candidateGroups.map(candidateGroupLabel).join(', ')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {inbox.data && (
        <Pagination page={search.page} pageSize={INBOX_PAGE_SIZE} total={inbox.data.total} onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })} label="Seiten der Aufgabenliste" />
      )}
    </section>
  );
}
