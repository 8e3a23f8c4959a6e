import { formatDate, formatEuro } from '../../lib/format';
import { decidedLabel, departmentLabel, measureStatusLabel } from '../../lib/labels';
import type { CycleDetail } from '../tasks/task-queries';

/** The measures the departments proposed, and what the steering committee decided on each (with its reasons). */
export function CycleDecisions({ cycle }: { cycle: CycleDetail }) {
  const needTitle = (key: string) => cycle.needs.find((n) => n.key === key)?.title ?? key;
  const decisionsOf = (measureId: string) => cycle.decisions.filter((d) => d.measureId === measureId).sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  return (
    <section aria-labelledby="entscheidungen" className="kern-stack-sm">
      <h2 id="entscheidungen" className="kern-heading-medium">
        Vorschläge und Entscheidungen
      </h2>
      {cycle.proposals.length === 0 ? (
        <p className="kern-body">In diesem Zyklus wurde (noch) keine Maßnahme vorgeschlagen, die Sie sehen dürfen.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small" data-testid="vorschlaege">
            <caption className="kern-title kern-title--small">Vorgeschlagene Maßnahmen und die Entscheidungen des Lenkungskreises</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Maßnahme</th>
                <th scope="col" className="kern-table__header">Fachbereich</th>
                <th scope="col" className="kern-table__header">Handlungsbedarf</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Geplantes Budget</th>
                <th scope="col" className="kern-table__header">Entscheidung</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {cycle.proposals.map((p) => {
                const decisions = decisionsOf(p.id);
                return (
                  <tr key={p.id} className="kern-table__row" data-testid="vorschlag">
                    <th scope="row" className="kern-table__cell">
                      {p.title}
                      <span className="kern-body--small kern-body--muted"> ({measureStatusLabel(p.status)})</span>
                    </th>
                    <td className="kern-table__cell">{departmentLabel(p.department)}</td>
                    <td className="kern-table__cell">{needTitle(p.needKey)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(p.budgetPlanned)}</td>
                    <td className="kern-table__cell">
                      {decisions.length === 0
                        ? 'noch nicht entschieden'
                        : decisions.map((d) => (
                            <span key={d.id} className="decision">
                              {decidedLabel(d.decision)} am {formatDate(d.decidedAt)} ({d.decidedBy}){d.reason ? `: ${d.reason}` : ''}
                            </span>
                          ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
