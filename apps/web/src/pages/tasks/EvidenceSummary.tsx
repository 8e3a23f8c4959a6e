import type { components } from '../../generated/monitoring';
import { formatDate, formatNumber } from '../../lib/format';

type Profile = components['schemas']['Profile'];
type Snapshot = { frozenAt: string; profile?: Profile; unavailable?: string };

/** The monitoring evidence frozen into the cycle at its analysis: classes and the latest value of each indicator. */
export function EvidenceSummary({ evidence }: { evidence: unknown }) {
  const snapshot = evidence as Snapshot | null | undefined;
  if (!snapshot) return <p className="kern-body kern-body--muted">Für diesen Zyklus wurde noch keine Datengrundlage festgehalten.</p>;
  if (!snapshot.profile) return <p className="kern-body kern-body--muted">Die Daten des Monitorings waren beim Start des Zyklus nicht verfügbar ({snapshot.unavailable}).</p>;
  const { profile } = snapshot;
  const latest = profile.classHistory.at(-1);
  return (
    <div className="kern-stack-sm">
      <p className="kern-body--small kern-body--muted">Stand der Daten: {formatDate(snapshot.frozenAt)}{profile.method ? `, Methode ${profile.method}` : ''}</p>
      {latest && (
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Statusindex ({latest.period})</dt>
            <dd className="kern-description-list-item__value">{latest.statusLabel ?? '–'}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Dynamikindex</dt>
            <dd className="kern-description-list-item__value">{latest.dynamicsLabel ?? '–'}</dd>
          </div>
        </dl>
      )}
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small">
          <caption className="kern-title kern-title--small">Indikatoren, jüngster Wert</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Indikator</th>
              <th scope="col" className="kern-table__header">Jahr</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Wert</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Stadt</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">Rang</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {profile.indicators.map((indicator) => {
              const point = indicator.points.at(-1);
              return (
                <tr key={indicator.key} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">{indicator.name}</th>
                  <td className="kern-table__cell">{point?.period ?? '–'}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {point?.value.suppressed ? <span title="aus Gründen der Geheimhaltung nicht ausgewiesen">geheim</span> : `${formatNumber(point?.value.value)} ${indicator.unit}`}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(point?.cityMean)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{point?.rank ? `${point.rank} von ${point.of}` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
