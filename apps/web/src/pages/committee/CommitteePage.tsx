import type { Goal, Need } from '@sozialraum/contracts/browser';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { unwrap } from '../../api/client';
import { seesAllDepartments, useApi, useMe } from '../../api/context';
import { ErrorAlert, Loading } from '../../components/Alert';
import { formatDate, formatEuro } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { usePageTitle } from '../../lib/usePageTitle';
import { EvidenceSummary } from '../tasks/EvidenceSummary';
import { contextOf } from '../tasks/forms/task-context';
import { PackageBudgetTable } from '../tasks/forms/PackageBudgetTable';
import { GoalList, NeedList } from '../tasks/GoalsAndNeeds';
import { type Task, useCycle } from '../tasks/task-queries';
import { DecisionsTaken } from './DecisionsTaken';

/** The committee's decide-package tasks, open or completed (planners and coordinators see every one). */
export function useDecisionTasks(status: 'open' | 'completed') {
  const api = useApi();
  const me = useMe();
  const scope = seesAllDepartments(me.data) ? 'all' : 'groups';
  return useQuery({
    queryKey: ['tasks', 'committee', status, scope],
    queryFn: () => unwrap(api.strategy.GET('/v1/tasks', { params: { query: { type: 'decide-package', status, scope, sort: status === 'open' ? 'due' : '-created', limit: 50 } } })),
    enabled: me.isSuccess,
  });
}

/** Lenkungskreis: the packages to decide, each measure with its need, department and budget, the sums, and the decisions taken. */
export function CommitteePage() {
  usePageTitle('Lenkungskreis');
  const open = useDecisionTasks('open');
  const done = useDecisionTasks('completed');
  return (
    <section className="page">
      <header className="kern-stack-xs">
        <h1 className="kern-heading-large">Lenkungskreis</h1>
        <p className="kern-body">
          Die Maßnahmenpakete, über die der Lenkungskreis Sozialraumentwicklung entscheidet: jede Maßnahme mit ihrem Handlungsbedarf, dem Fachbereich und dem geplanten Budget,
          dazu die Datengrundlage des Zyklus. Entschieden wird in der Aufgabe des Pakets: genehmigen, ablehnen oder mit Begründung zurückgeben.
        </p>
      </header>

      <section aria-labelledby="zu-entscheiden" className="kern-stack-md">
        <h2 id="zu-entscheiden" className="kern-heading-medium">
          Zu entscheiden
        </h2>
        {open.isPending && <Loading what="Die Maßnahmenpakete" />}
        {open.isError && <ErrorAlert error={open.error} title="Die Maßnahmenpakete konnten nicht geladen werden" />}
        {open.data?.items.length === 0 && (
          <p className="kern-body empty" data-testid="keine-pakete">
            Zurzeit liegt kein Maßnahmenpaket zur Entscheidung vor.
          </p>
        )}
        {open.data?.items.map((task) => <Package key={task.id} task={task} />)}
      </section>

      <section aria-labelledby="entschieden" className="kern-stack-md">
        <h2 id="entschieden" className="kern-heading-medium">
          Entschieden
        </h2>
        {done.isError && <ErrorAlert error={done.error} title="Die Entscheidungen konnten nicht geladen werden" />}
        {done.data && <DecisionsTaken tasks={done.data.items} />}
      </section>
    </section>
  );
}

/** One package to decide: its measures, the budget per department, the cycle's goals, needs and evidence, and the way to decide. */
function Package({ task }: { task: Task }) {
  const cycle = useCycle(task.cycleId);
  const spaceName = useSpaceName();
  const { measures } = contextOf(task);
  const needTitle = (key: string) => cycle.data?.needs.find((n) => n.key === key)?.title ?? key;
  const headingId = `paket-${task.id.replace(/[^a-z0-9]/gi, '-')}`;
  const name = `${spaceName(task.spaceCode)}${cycle.data ? `, Zyklus ${cycle.data.number}` : ''}`;
  return (
    <article aria-labelledby={headingId} className="kern-card committee-package kern-stack-md" data-testid="paket">
      <header className="kern-stack-xs">
        <h3 id={headingId} className="kern-heading-small">
          Maßnahmenpaket {name}
        </h3>
        <p className="kern-body--small">
          Vorgelegt am {formatDate(task.createdAt)}, zu entscheiden bis <time dateTime={task.dueAt}>{formatDate(task.dueAt)}</time>
          {task.assignee && <> · bearbeitet von {task.assignee.name}</>}
        </p>
      </header>
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small" data-testid="paket-massnahmen">
          <caption className="kern-title kern-title--small">Maßnahmen des Pakets {name}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Maßnahme</th>
              <th scope="col" className="kern-table__header">Handlungsbedarf</th>
              <th scope="col" className="kern-table__header">Fachbereich</th>
              <th scope="col" className="kern-table__header">Zeitraum</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Geplantes Budget</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {measures.map((m) => (
              <tr key={m.measureId} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {m.title}
                  <span className="kern-body--small kern-body--muted committee-package__description">{m.description}</span>
                </th>
                <td className="kern-table__cell">{needTitle(m.needKey)}</td>
                <td className="kern-table__cell">{departmentLabel(m.department)}</td>
                <td className="kern-table__cell">{m.start || m.end ? `${formatDate(m.start)} bis ${formatDate(m.end)}` : 'nicht angegeben'}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{m.budgetPlanned === undefined ? 'nicht angegeben' : formatEuro(m.budgetPlanned)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PackageBudgetTable measures={measures} />
      {cycle.data && (
        <details className="evidence">
          <summary className="kern-heading-small">Ziele, Handlungsbedarfe und Datengrundlage des Zyklus</summary>
          <div className="kern-stack-sm">
            <GoalList goals={cycle.data.goals as Goal[]} />
            <NeedList needs={cycle.data.needs as Need[]} />
            <EvidenceSummary evidence={cycle.data.evidence} />
          </div>
        </details>
      )}
      <p className="form-row">
        <Link to="/aufgaben/$taskId" params={{ taskId: task.id }} className="kern-btn kern-btn--primary">
          <span className="kern-label">Über das Paket {name} entscheiden</span>
        </Link>
        <Link to="/zyklen/$cycleId" params={{ cycleId: task.cycleId }} className="kern-link">
          Zum Strategiezyklus
        </Link>
      </p>
    </article>
  );
}
