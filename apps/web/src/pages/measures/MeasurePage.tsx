import { getRouteApi, Link } from '@tanstack/react-router';
import { ApiError } from '../../api/problem';
import { ErrorAlert, Loading } from '../../components/Alert';
import { formatDateTime } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { usePageTitle } from '../../lib/usePageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { AuditTrail } from './AuditTrail';
import { StatusBadge, TrafficLightBadge } from './badges';
import { EvaluationSection } from './EvaluationSection';
import { MeasureFacts } from './MeasureFacts';
import { useMeasure } from './measure-queries';
import { Milestones } from './Milestones';
import { overviewSearch } from './overview-search';
import { StatusChange } from './StatusChange';
import { StatusReports } from './StatusReports';
import { actorName } from './audit-text';

const route = getRouteApi('/app/massnahmen/$measureId');

/** One measure: facts, status and what may be done with it, milestones, reports, evaluation and its history. */
export function MeasurePage() {
  const { measureId } = route.useParams();
  const measure = useMeasure(measureId);
  const spaceName = useSpaceName();
  // Another department's measure does not exist for this person, just like an unknown (or malformed) id.
  const notFound = measure.error instanceof ApiError && [400, 404].includes(measure.error.status);
  usePageTitle(notFound ? 'Nicht gefunden' : (measure.data?.title ?? 'Maßnahme'));

  if (measure.isPending) return <Loading what="Die Maßnahme" />;
  if (notFound) return <NotFoundPage />;
  if (measure.isError) return <ErrorAlert error={measure.error} title="Die Maßnahme konnte nicht geladen werden" />;
  const m = measure.data;

  return (
    <article className="page measure-page">
      <nav aria-label="Brotkrümelnavigation" className="breadcrumb">
        <Link to="/massnahmen" search={overviewSearch.parse({})} className="kern-link">
          Maßnahmen
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{m.title}</span>
      </nav>
      <header className="kern-stack-xs">
        <p className="kern-preline">
          {m.spaces.map(spaceName).join(', ')} · Fachbereich {departmentLabel(m.department)}
        </p>
        <h1 className="kern-heading-large">{m.title}</h1>
        <p className="kern-body measure-page__state">
          <span>
            Status: <StatusBadge status={m.status} small={false} />
          </span>
          <span>
            Ampel: <TrafficLightBadge light={m.trafficLight} small={false} />
          </span>
        </p>
        {m.statusReason && (
          <p className="kern-body--small kern-body--muted" data-testid="status-begruendung">
            Begründung der letzten Statusänderung{m.statusChangedAt ? ` (${formatDateTime(m.statusChangedAt)}${m.statusChangedBy ? `, ${actorName(m.statusChangedBy)}` : ''})` : ''}: {m.statusReason}
          </p>
        )}
      </header>

      <StatusChange measure={m} />

      <div className="task-layout">
        <div className="task-layout__main kern-stack-lg">
          <section aria-labelledby="eckdaten" className="kern-stack-md">
            <h2 id="eckdaten" className="kern-heading-medium">
              Eckdaten
            </h2>
            <MeasureFacts measure={m} />
          </section>
          <section aria-labelledby="beschreibung" className="kern-stack-sm">
            <h2 id="beschreibung" className="kern-heading-medium">
              Beschreibung
            </h2>
            <p className="kern-body preserve-lines">{m.description || 'Keine Beschreibung.'}</p>
          </section>
          <Milestones measure={m} />
          <StatusReports measure={m} />
          <EvaluationSection measure={m} />
        </div>
        <aside className="task-layout__aside kern-stack-lg" aria-label="Änderungsverlauf">
          {m.permissions.readAudit ? <AuditTrail measureId={m.id} /> : <p className="kern-body--small kern-body--muted">Den Änderungsverlauf sehen die Sozialplanung und der zuständige Fachbereich.</p>}
        </aside>
      </div>
    </article>
  );
}
