import { saveFile } from '../../lib/download';
import { formatNumber } from '../../lib/format';
import { Alert } from '../../components/Alert';
import { germanReason, type ImportView, NOTE_REASONS, reportCsv } from './import-texts';

/** How the import ended: what was stored, every rejected row and every cell read as a symbol, as a table and as CSV. */
export function ImportReport({ result }: { result: ImportView }) {
  const report = result.report ?? { rejected: [] };
  const rejected = report.rejected ?? [];
  const notes = report.notes ?? [];
  return (
    <section className="kern-stack-md" aria-labelledby="bericht-titel">
      <h2 id="bericht-titel" className="kern-heading-medium">
        Zeilenbericht
      </h2>
      {result.status === 'succeeded' && (
        <Alert tone="success" title="Import abgeschlossen">
          <p data-testid="import-ergebnis">
            {formatNumber(result.imported ?? 0)} Werte gespeichert (Datenstand {result.release}).
            {(result.rejected ?? 0) > 0 && ` ${formatNumber(result.rejected ?? 0)} Zeilen abgelehnt.`}
          </p>
        </Alert>
      )}
      {result.status === 'rejected' && (
        <Alert tone="danger" title="Import abgelehnt – nichts gespeichert">
          <p data-testid="import-ergebnis">{formatNumber(result.rejected ?? 0)} Zeilen passen nicht. Korrigieren Sie die Zuordnung oder die Datei, oder speichern Sie nur die gültigen Zeilen.</p>
        </Alert>
      )}
      {result.status === 'failed' && (
        <Alert tone="danger" title="Import fehlgeschlagen – nichts gespeichert">
          <p data-testid="import-ergebnis">Die Datei konnte nicht gelesen werden. Antwort des Servers: {result.error}</p>
        </Alert>
      )}
      <button type="button" className="kern-btn kern-btn--secondary kern-btn--small" onClick={() => saveFile(new Blob([reportCsv(report)], { type: 'text/csv;charset=utf-8' }), `Importbericht_${result.fileName.replace(/\.[^.]+$/, '')}.csv`)}>
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">Bericht als CSV herunterladen</span>
      </button>
      {rejected.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="abgelehnt-titel">
          <table className="kern-table kern-table--small" data-testid="abgelehnte-zeilen">
            <caption id="abgelehnt-titel" className="kern-title">
              Abgelehnte Zeilen ({rejected.length})
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Zeile</th>
                <th scope="col" className="kern-table__header">Spalte</th>
                <th scope="col" className="kern-table__header">Grund</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rejected.slice(0, 500).map((r, i) => (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">{r.line ?? '–'}</td>
                  <td className="kern-table__cell">{r.column ?? '–'}</td>
                  <td className="kern-table__cell">{germanReason(r.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {notes.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="hinweise-titel">
          <table className="kern-table kern-table--small" data-testid="zeichen">
            <caption id="hinweise-titel" className="kern-title">
              Zellen mit Zeichen statt Zahl ({report.notesTotal ?? notes.length})
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Zeile</th>
                <th scope="col" className="kern-table__header">Gebiet</th>
                <th scope="col" className="kern-table__header">Spalte</th>
                <th scope="col" className="kern-table__header">Zeichen</th>
                <th scope="col" className="kern-table__header">Bedeutung</th>
                <th scope="col" className="kern-table__header">Gespeicherter Wert</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {notes.slice(0, 500).map((n, i) => (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">{n.line}</td>
                  <td className="kern-table__cell">{n.space}</td>
                  <td className="kern-table__cell">{n.column}</td>
                  <td className="kern-table__cell">{n.symbol}</td>
                  <td className="kern-table__cell">{NOTE_REASONS[n.reason]}</td>
                  <td className="kern-table__cell">{n.value === null ? 'kein Wert' : formatNumber(n.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
