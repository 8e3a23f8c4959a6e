import { Link } from '@tanstack/react-router';
import { ErrorAlert, Loading } from '../../components/Alert';
import { formatEuro } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import { formatPercent, StatusBadge, TrafficLightBadge } from '../measures/badges';
import { useCycleMeasures } from './cycle-queries';

/** The cycle's measures as the measures service keeps them: status, traffic light, progress, budget. */
export function CycleMeasures({ cycleId }: { cycleId: string }) {
  const measures = useCycleMeasures(cycleId);
  return (
    <section aria-labelledby="massnahmen" className="kern-stack-sm">
      <h2 id="massnahmen" className="kern-heading-medium">
        Maßnahmen
      </h2>
      {measures.isPending && <Loading what="Maßnahmen" />}
      {measures.isError && <ErrorAlert error={measures.error} title="Die Maßnahmen konnten nicht geladen werden" />}
      {measures.data && measures.data.items.length === 0 && <p className="kern-body">Dieser Zyklus hat (noch) keine Maßnahmen, die Sie sehen dürfen.</p>}
      {measures.data && measures.data.items.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small" data-testid="zyklus-massnahmen">
            <caption className="kern-title kern-title--small">
              {measures.data.total} {measures.data.total === 1 ? 'Maßnahme' : 'Maßnahmen'} dieses Zyklus
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Maßnahme</th>
                <th scope="col" className="kern-table__header">Fachbereich</th>
                <th scope="col" className="kern-table__header">Status</th>
                <th scope="col" className="kern-table__header">Ampel</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Fortschritt</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Budget geplant</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Budget beschlossen</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {measures.data.items.map((m) => (
                <tr key={m.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    <Link to="/massnahmen/$measureId" params={{ measureId: m.id }} className="kern-link">
                      {m.title}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{departmentLabel(m.department)}</td>
                  <td className="kern-table__cell">
                    <StatusBadge status={m.status} />
                  </td>
                  <td className="kern-table__cell">
                    <TrafficLightBadge light={m.trafficLight} />
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatPercent(m.progress)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(m.budget.planned)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(m.budget.approved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
