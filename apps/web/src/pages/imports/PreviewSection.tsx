import { useState } from 'react';
import { Field } from '../../components/Field';
import { DELIMITERS, ENCODINGS, SPACE_TYPES } from './import-texts';
import type { PreviewOptions, ValuePreview } from './import-queries';

/** What the service read: format, encoding, delimiter, sheet, header line, the first lines; each can be changed. */
export function PreviewSection({ preview, options, busy, onChange }: { preview: ValuePreview; options: PreviewOptions; busy: boolean; onChange: (options: PreviewOptions) => void }) {
  const [draft, setDraft] = useState<PreviewOptions>({ ...options, headerRow: preview.headerRow });
  const set = (patch: Partial<PreviewOptions>) => setDraft((d) => ({ ...d, ...patch }));
  const width = Math.max(...preview.lines.map((l) => l.cells.length), 1);
  return (
    <section className="kern-stack-md" aria-labelledby="vorschau-titel">
      <h2 id="vorschau-titel" className="kern-heading-medium">
        Vorschau: so wird die Datei gelesen
      </h2>
      <dl className="kern-description-list" data-testid="erkannt">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Datei</dt>
          <dd className="kern-description-list-item__value">
            {preview.fileName} ({preview.format.toUpperCase()})
          </dd>
        </div>
        {preview.format === 'xlsx' && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Tabellenblatt</dt>
            <dd className="kern-description-list-item__value">{preview.sheet}</dd>
          </div>
        )}
        {preview.format === 'csv' && (
          <>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">Zeichenkodierung</dt>
              <dd className="kern-description-list-item__value">{ENCODINGS[preview.encoding ?? ''] ?? '–'}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">Trennzeichen</dt>
              <dd className="kern-description-list-item__value">{DELIMITERS[preview.delimiter ?? ''] ?? '–'}</dd>
            </div>
          </>
        )}
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Kopfzeile</dt>
          <dd className="kern-description-list-item__value">
            Zeile {preview.headerRow}
            {(preview.headerRows ?? 1) > 1 && ` und ${preview.headerRow + 1} (zwei Zeilen, zusammengeführt: Name oben, Zeitraum darunter)`}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Zahlenformat</dt>
          <dd className="kern-description-list-item__value">{preview.decimal === 'comma' ? 'deutsch (1.234,5)' : 'mit Dezimalpunkt (1234.5)'}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Datenzeilen</dt>
          <dd className="kern-description-list-item__value">{preview.totalRows ?? '–'}</dd>
        </div>
      </dl>

      <form
        className="kern-stack-sm import-options"
        aria-label="Lesart ändern"
        onSubmit={(e) => {
          e.preventDefault();
          onChange(draft);
        }}
      >
        <div className="import-options__fields">
          {preview.format === 'xlsx' && (
            <Field label="Tabellenblatt" kind="select">
              {(p) => (
                <select {...p} value={draft.sheet ?? preview.sheet ?? ''} onChange={(e) => set({ sheet: e.target.value, headerRow: undefined })}>
                  {(preview.sheets ?? []).map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Kopfzeile (Zeilennummer)" hint="Zeilen darüber gelten als Titel.">
            {(p) => <input {...p} type="number" min={1} max={1000000} inputMode="numeric" value={draft.headerRow ?? ''} onChange={(e) => set({ headerRow: e.target.value === '' ? undefined : Number(e.target.value) })} />}
          </Field>
          {preview.format === 'csv' && (
            <>
              <Field label="Trennzeichen" kind="select">
                {(p) => (
                  <select {...p} value={draft.delimiter ?? preview.delimiter ?? ','} onChange={(e) => set({ delimiter: e.target.value as PreviewOptions['delimiter'] })}>
                    {Object.entries(DELIMITERS).map(([value, label]) => (
                      <option key={label} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Zeichenkodierung" kind="select">
                {(p) => (
                  <select {...p} value={draft.encoding ?? preview.encoding ?? 'utf-8'} onChange={(e) => set({ encoding: e.target.value as PreviewOptions['encoding'] })}>
                    {Object.entries(ENCODINGS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
          <Field label="Gebiete nur von diesem Typ zuordnen" kind="select" hint="Nötig, wenn ein Name auf mehreren Ebenen vorkommt.">
            {(p) => (
              <select {...p} value={draft.spaceType ?? ''} onChange={(e) => set({ spaceType: (e.target.value || undefined) as PreviewOptions['spaceType'] })}>
                <option value="">alle Typen</option>
                {SPACE_TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className="kern-btn kern-btn--secondary kern-btn--small" disabled={busy}>
          <span className="kern-label">Vorschau aktualisieren</span>
        </button>
      </form>

      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="erste-zeilen">
        <table className="kern-table kern-table--small">
          <caption id="erste-zeilen" className="kern-title">
            Erste Zeilen der Datei
          </caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                Zeile
              </th>
              {Array.from({ length: width }, (_, i) => (
                <th key={i} scope="col" className="kern-table__header">
                  Spalte {i + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {preview.lines.map((l) => (
              <tr key={l.line} className={`kern-table__row${l.line === preview.headerRow ? ' import-header-row' : ''}`}>
                <th scope="row" className="kern-table__header">
                  {l.line}
                  {l.line >= preview.headerRow && l.line < preview.headerRow + (preview.headerRows ?? 1) && <span className="kern-badge kern-badge--info import-badge">Kopfzeile</span>}
                  {l.line < preview.headerRow && <span className="kern-body--small kern-body--muted"> (Titel)</span>}
                </th>
                {Array.from({ length: width }, (_, i) => (
                  <td key={i} className="kern-table__cell">
                    {l.cells[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
