import { ErrorAlert, Loading } from '../../components/Alert';
import { formatDateTime } from '../../lib/format';
import { describeAuditEntry } from './audit-text';
import { useAudit } from './measure-queries';

/** Every recorded change of the measure, newest first, in sentences (for planners and the measure's department). */
export function AuditTrail({ measureId }: { measureId: string }) {
  const audit = useAudit(measureId);
  return (
    <section aria-labelledby="verlauf" className="kern-stack-md">
      <h2 id="verlauf" className="kern-heading-medium">
        Änderungsverlauf
      </h2>
      {audit.isPending && <Loading what="Änderungen" />}
      {audit.isError && <ErrorAlert error={audit.error} title="Der Änderungsverlauf konnte nicht geladen werden" />}
      {audit.data && audit.data.items.length === 0 && <p className="kern-body">Keine Änderungen aufgezeichnet.</p>}
      {audit.data && audit.data.items.length > 0 && (
        <ol className="history-list audit-list" aria-label="Änderungen, neueste zuerst" data-testid="aenderungsverlauf">
          {[...audit.data.items].reverse().map((entry) => {
            const line = describeAuditEntry(entry);
            return (
              <li key={entry.id} className="audit-list__item">
                <p className="kern-body">
                  <time dateTime={entry.at} className="kern-body--small kern-body--muted">
                    {formatDateTime(entry.at)}
                  </time>{' '}
                  <strong>{line.actor}</strong> {line.text}
                </p>
                {line.details.length > 0 && (
                  <ul className="audit-list__details kern-body--small">
                    {line.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
