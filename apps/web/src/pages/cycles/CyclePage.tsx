import { type Goal, type Need, PHASE_LABELS, TASK_LABELS, type TaskType } from '@sozialraum/contracts/browser';
import { getRouteApi, Link } from '@tanstack/react-router';
import { unwrap } from '../../api/client';
import { hasRole, seesAllDepartments, useApi, useMe } from '../../api/context';
import { ApiError } from '../../api/problem';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { PdfDownloadButton } from '../../components/PdfDownloadButton';
import { formatDate, formatDateTime } from '../../lib/format';
import { candidateGroupLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { isOverdue, useNow } from '../../lib/useNow';
import { usePageTitle } from '../../lib/usePageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { EvidenceSummary } from '../tasks/EvidenceSummary';
import { GoalList, NeedList } from '../tasks/GoalsAndNeeds';
import { ParticipationSoFar } from '../tasks/ParticipationSoFar';
import { type CycleDetail, useCycle } from '../tasks/task-queries';
import { useClosedCycleTasks } from './cycle-queries';
import { CycleControls } from './CycleControls';
import { CycleDecisions } from './CycleDecisions';
import { CycleMeasures } from './CycleMeasures';
import { CycleReflection } from './CycleReflection';
import { CycleStatusBadge } from './CycleStatusBadge';
import { CycleTimeline } from './CycleTimeline';
import { PhaseSteps } from './PhaseSteps';
import { buildTimeline } from './timeline';

const route = getRouteApi('/app/zyklen/$cycleId');

const CONTENTS = [
  ['offene-aufgaben', 'Offene Aufgaben'],
  ['zeitstrahl', 'Zeitstrahl'],
  ['datengrundlage', 'Datengrundlage'],
  ['beteiligung', 'Beteiligung'],
  ['ziele', 'Ziele und Handlungsbedarfe'],
  ['entscheidungen', 'Vorschläge und Entscheidungen'],
  ['massnahmen', 'Maßnahmen'],
  ['reflexion', 'Reflexion'],
] as const;

/** One strategy cycle: where it stands, its history, its evidence, participation, goals, decisions, measures and reflection. */
/** The cycle report for the committee and the council, rendered by the strategy service from what the reader may see. */
function CycleReportButton({ cycleId }: { cycleId: string }) {
  const api = useApi();
  const fetchPdf = () => unwrap(api.strategy.GET('/v1/cycles/{id}/report.pdf', { params: { path: { id: cycleId } }, parseAs: 'blob' }));
  return <PdfDownloadButton fetchPdf={fetchPdf} filename={`Zyklusbericht_${cycleId}.pdf`} />;
}

export function CyclePage() {
  const { cycleId } = route.useParams();
  const me = useMe();
  const cycle = useCycle(cycleId);
  const tasks = useClosedCycleTasks(cycleId, seesAllDepartments(me.data), me.isSuccess && cycle.isSuccess);
  const spaceName = useSpaceName();
  const title = cycle.data ? `${spaceName(cycle.data.spaceCode)}, Zyklus ${cycle.data.number}` : 'Strategiezyklus';
  usePageTitle(title);

  if (cycle.isPending) return <Loading what="Der Strategiezyklus" />;
  if (cycle.error instanceof ApiError && cycle.error.status === 404) return <NotFoundPage />;
  if (cycle.isError) return <ErrorAlert error={cycle.error} title="Der Strategiezyklus konnte nicht geladen werden" />;
  const c = cycle.data;
  const active = c.status === 'running' || c.status === 'suspended';

  return (
    <article className="page cycle-page">
      <nav aria-label="Brotkrümelnavigation" className="breadcrumb">
        <Link to="/zyklen" search={{}} className="kern-link">
          Strategiezyklen
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{title}</span>
      </nav>
      <header className="kern-stack-xs">
        <p className="kern-preline">Strategiezyklus</p>
        <h1 className="kern-heading-large">{title}</h1>
        <p className="kern-body" data-testid="zyklus-stand">
          {active ? <>Phase {PHASE_LABELS[c.phase]} · </> : null}
          Status: <CycleStatusBadge status={c.status} />
        </p>
        <p className="kern-body--small kern-body--muted">
          Gestartet am {formatDate(c.startedAt)} von {c.startedBy}
          {c.alertId !== null && <> aus der Warnung Nr. {c.alertId} des Monitorings</>}
          {c.finishedAt && <>; beendet am {formatDate(c.finishedAt)}</>}
        </p>
        <CycleReportButton cycleId={c.id} />
      </header>
      {c.status === 'suspended' && (
        <Alert tone="warning" title="Dieser Zyklus ist ausgesetzt">
          <p>Grund: {c.statusReason ?? 'nicht angegeben'}. Seine Aufgaben können erst erledigt werden, wenn er fortgesetzt wird.</p>
        </Alert>
      )}
      {c.status === 'cancelled' && (
        <Alert tone="info" title="Dieser Zyklus wurde abgebrochen">
          <p>Grund: {c.statusReason ?? 'nicht angegeben'}. Seine offenen Aufgaben sind entfallen; für den Sozialraum kann ein neuer Zyklus beginnen.</p>
        </Alert>
      )}

      {active && hasRole(me.data, 'planner') && <CycleControls cycleId={c.id} status={c.status} />}
      <PhaseSteps cycle={c} />

      <nav aria-label="Auf dieser Seite" className="page-contents">
        <ul>
          {CONTENTS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`} className="kern-link kern-link--small">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <OpenTasks cycle={c} />
      {tasks.isError && <ErrorAlert error={tasks.error} title="Die Aufgaben des Zyklus konnten nicht geladen werden" />}
      <CycleTimeline entries={buildTimeline(c, tasks.data ?? [])} />
      <section aria-labelledby="datengrundlage" className="kern-stack-sm">
        <h2 id="datengrundlage" className="kern-heading-medium">
          Datengrundlage
        </h2>
        <p className="kern-body">Der Stand des Monitorings, wie er bei der Analyse für diesen Zyklus festgehalten wurde.</p>
        <EvidenceSummary evidence={c.evidence} />
      </section>
      <section aria-labelledby="beteiligung" className="kern-stack-sm">
        <h2 id="beteiligung" className="kern-heading-medium">
          Beteiligung
        </h2>
        <ParticipationSoFar records={c.participation} />
      </section>
      <GoalsAndNeeds cycle={c} />
      <CycleDecisions cycle={c} />
      <CycleMeasures cycleId={c.id} />
      <CycleReflection cycle={c} tasks={tasks.data ?? []} />
    </article>
  );
}

function GoalsAndNeeds({ cycle }: { cycle: CycleDetail }) {
  const indicators = new Map(((cycle.evidence as { profile?: { indicators?: Array<{ key: string; name: string }> } } | null)?.profile?.indicators ?? []).map((i) => [i.key, i.name]));
  return (
    <section aria-labelledby="ziele" className="kern-stack-sm">
      <h2 id="ziele" className="kern-heading-medium">
        Ziele und Handlungsbedarfe
      </h2>
      {cycle.goals.length === 0 && cycle.needs.length === 0 && <p className="kern-body">Ziele und Handlungsbedarfe sind noch nicht erfasst.</p>}
      <GoalList goals={cycle.goals as Goal[]} indicatorName={(key) => indicators.get(key) ?? key} />
      <NeedList needs={cycle.needs as Need[]} />
    </section>
  );
}

function OpenTasks({ cycle }: { cycle: CycleDetail }) {
  const now = useNow();
  return (
    <section aria-labelledby="offene-aufgaben" className="kern-stack-sm">
      <h2 id="offene-aufgaben" className="kern-heading-medium">
        Offene Aufgaben
      </h2>
      {cycle.openTasks.length === 0 ? (
        <p className="kern-body">Keine offene Aufgabe, die Sie sehen dürfen.</p>
      ) : (
        <ul className="plain-list" data-testid="offene-aufgaben-liste">
          {cycle.openTasks.map((task) => (
            <li key={task.id} className="kern-body">
              <Link to="/aufgaben/$taskId" params={{ taskId: task.id }} className="kern-link">
                {TASK_LABELS[task.type as TaskType] ?? task.label}
              </Link>{' '}
              für {task.candidateGroups.map(candidateGroupLabel).join(', ')}
              {task.assignee && <> (bei {task.assignee.name})</>}, fällig am <time dateTime={task.dueAt}>{formatDateTime(task.dueAt)}</time>
              {isOverdue(task, now) && (
                <span className="kern-badge kern-badge--warning kern-badge--small">
                  <span className="kern-label">Überfällig</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
