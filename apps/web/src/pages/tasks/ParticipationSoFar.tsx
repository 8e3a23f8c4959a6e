import { formatDate, formatNumber } from '../../lib/format';
import { participationFormatLabel, targetGroupLabel } from '../../lib/labels';
import type { CycleDetail } from './task-queries';

/** The participation formats documented in this cycle so far, with whom and what came out. */
export function ParticipationSoFar({ records }: { records: CycleDetail['participation'] }) {
  if (!records.length) return <p className="kern-body">In diesem Zyklus ist noch kein Beteiligungsformat dokumentiert.</p>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-title kern-title--small">Bisher dokumentierte Beteiligung ({records.length === 1 ? 'ein Format' : `${records.length} Formate`})</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Format</th>
            <th scope="col" className="kern-table__header">Datum</th>
            <th scope="col" className="kern-table__header">Akteure</th>
            <th scope="col" className="kern-table__header">Zielgruppen</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Teilnehmende</th>
            <th scope="col" className="kern-table__header">Ergebnisse</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {records.map((r) => (
            <tr key={r.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{participationFormatLabel(r.format)}</th>
              <td className="kern-table__cell"><time dateTime={r.date}>{formatDate(r.date)}</time></td>
              <td className="kern-table__cell">{r.actors.join(', ') || '–'}</td>
              <td className="kern-table__cell">{r.targetGroups.map(targetGroupLabel).join(', ') || '–'}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(r.participants)}</td>
              <td className="kern-table__cell preserve-lines">{r.results}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
