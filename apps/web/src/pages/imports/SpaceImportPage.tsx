import { useRef, useState } from 'react';
import { hasRole, useApi, useMe } from '../../api/context';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { type SpaceImportFields, startSpaceImport, useImport } from './import-queries';
import { PlannerOnly } from './PlannerOnly';
import { SPACE_TYPES } from './import-texts';
import { previewGeoJson, type SpaceFilePreview } from './space-preview';

type SpaceImportForm = SpaceImportFields;

const isZip = (file: File) => /\.zip$/i.test(file.name);

/** A column of the file as a select (GeoJSON, read in the browser) or typed (shapefile, read on the server). */
function PropertyField({ label, hint, optional, properties, value, error, onChange }: {
  label: string;
  hint?: string;
  optional?: boolean;
  properties?: string[];
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  if (!properties) {
    return <Field label={label} hint={hint} optional={optional} error={error}>{(p) => <input {...p} value={value} onChange={(e) => onChange(e.target.value)} maxLength={200} />}</Field>;
  }
  return (
    <Field label={label} hint={hint} optional={optional} error={error} kind="select">
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{optional ? '– keine –' : '– bitte wählen –'}</option>
          {properties.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      )}
    </Field>
  );
}

/**
 * Daten → Räume importieren: the boundaries of a space type (GeoJSON or a zipped shapefile). A GeoJSON file
 * is read in the browser first, so the planner sees its features and picks the properties; the import runs
 * on the server as a background job, all or nothing.
 */
export function SpaceImportPage() {
  usePageTitle('Räume importieren');
  const api = useApi();
  const me = useMe();
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<SpaceFilePreview>();
  const [fields, setFields] = useState<SpaceImportForm>({ format: 'geojson', type: 'planning-area', codeProperty: '', nameProperty: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [importId, setImportId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const result = useImport(importId);

  if (me.isPending) return <Loading what="Ihre Rechte" />;
  if (!hasRole(me.data, 'planner')) return <PlannerOnly title="Räume importieren" what="Räume importieren" />;

  const set = (next: Partial<SpaceImportForm>) => setFields((f) => ({ ...f, ...next }));
  const choose = async (chosen: File | undefined) => {
    setFile(chosen);
    setPreview(undefined);
    setErrors({});
    setImportId(undefined);
    if (!chosen) return;
    if (isZip(chosen)) return set({ format: 'shapefile' });
    const read = previewGeoJson(await chosen.text());
    if ('error' in read) return setErrors({ file: read.error });
    setPreview(read);
    set({ format: 'geojson', codeProperty: read.guess.code ?? '', nameProperty: read.guess.name ?? '', populationProperty: read.guess.population ?? '' });
  };
  const submit = async () => {
    const found: Record<string, string> = {};
    if (!file) found.file = 'Wählen Sie eine GeoJSON-Datei oder ein gezipptes Shapefile.';
    if (!fields.codeProperty) found.codeProperty = 'Geben Sie an, welche Eigenschaft den Schlüssel des Raums enthält.';
    if (!fields.nameProperty) found.nameProperty = 'Geben Sie an, welche Eigenschaft den Namen des Raums enthält.';
    if (fields.validFrom && !/^\d{4}-\d{2}-\d{2}$/.test(fields.validFrom)) found.validFrom = 'Ein Datum, zum Beispiel 01.01.2025.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !file) return;
    setBusy(true);
    setError(undefined);
    try {
      const started = await startSpaceImport(api, file, fields, idempotencyKey.current);
      setImportId(started.id);
      idempotencyKey.current = crypto.randomUUID();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const finished = result.data && ['succeeded', 'rejected', 'failed'].includes(result.data.status);
  const typeLabel = SPACE_TYPES.find((t) => t.value === fields.type)?.label ?? fields.type;

  return (
    <section className="page kern-stack-lg">
      <header className="kern-stack-xs">
        <h1 className="kern-heading-large">Räume importieren</h1>
        <p className="kern-body">
          Die Grenzen der Räume eines Typs, etwa der Planungsräume, aus einer GeoJSON-Datei (Koordinaten in WGS 84) oder einem gezippten Shapefile. Ein Raum mit einem
          vorhandenen Schlüssel wird aktualisiert; mit einem Fehler wird nichts gespeichert.
        </p>
      </header>
      {error !== undefined && <ErrorAlert error={error} title="Der Import wurde nicht gestartet" />}
      <form className="kern-stack-md" noValidate aria-label="Räume importieren" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className={`kern-form-input${errors.file ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="raeume-datei">Datei mit den Grenzen (GeoJSON oder Shapefile als ZIP)</label>
          <div className="kern-hint" id="raeume-datei-hinweis">Eine GeoJSON-Datei wird sofort gelesen; ein Shapefile (.shp, .shx, .dbf und .prj in einer ZIP-Datei) erst beim Import.</div>
          <input
            id="raeume-datei"
            className="kern-form-input__input"
            type="file"
            accept=".geojson,.json,.zip,application/geo+json,application/json,application/zip"
            aria-describedby={`raeume-datei-hinweis${errors.file ? ' raeume-datei-fehler' : ''}`}
            aria-invalid={errors.file ? true : undefined}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          {errors.file && (
            <p className="kern-error" id="raeume-datei-fehler">
              <span className="kern-icon kern-icon--danger" aria-hidden="true" />
              <span>{errors.file}</span>
            </p>
          )}
        </div>

        {preview && (
          <div className="kern-stack-sm" data-testid="raeume-vorschau">
            <p className="kern-body">
              {formatNumber(preview.features)} {preview.features === 1 ? 'Fläche' : 'Flächen'} ({preview.geometryTypes.join(', ')}) mit den Eigenschaften {preview.properties.join(', ')}.
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="raeume-vorschau-titel">
              <table className="kern-table kern-table--small">
                <caption id="raeume-vorschau-titel" className="kern-title">Die ersten Flächen der Datei</caption>
                <thead className="kern-table__head">
                  <tr className="kern-table__row">{preview.properties.map((k) => <th key={k} scope="col" className="kern-table__header">{k}</th>)}</tr>
                </thead>
                <tbody className="kern-table__body">
                  {preview.sample.map((row, i) => (
                    <tr key={i} className="kern-table__row">{preview.properties.map((k) => <td key={k} className="kern-table__cell">{row[k]}</td>)}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}

        <Field label="Raumtyp" kind="select" hint="Alle Räume der Datei bekommen diesen Typ.">
          {(p) => (
            <select {...p} value={fields.type} onChange={(e) => set({ type: e.target.value as SpaceImportForm['type'] })}>
              {SPACE_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
            </select>
          )}
        </Field>
        <div className="form-row">
          <PropertyField label="Eigenschaft mit dem Schlüssel" properties={preview?.properties} value={fields.codeProperty} error={errors.codeProperty} onChange={(v) => set({ codeProperty: v })} />
          <PropertyField label="Eigenschaft mit dem Namen" properties={preview?.properties} value={fields.nameProperty} error={errors.nameProperty} onChange={(v) => set({ nameProperty: v })} />
        </div>
        <div className="form-row">
          <PropertyField label="Eigenschaft mit der Einwohnerzahl" optional properties={preview?.properties} value={fields.populationProperty ?? ''} onChange={(v) => set({ populationProperty: v })} />
          <Field label="Übergeordneter Raum (Schlüssel)" optional hint="Zum Beispiel der Stadtbezirk, zu dem alle Räume der Datei gehören">
            {(p) => <input {...p} value={fields.parentCode ?? ''} onChange={(e) => set({ parentCode: e.target.value.trim() })} maxLength={80} />}
          </Field>
        </div>
        <Field label="Gültig ab" optional error={errors.validFrom} hint="Ohne Angabe gelten die Räume seit jeher.">
          {(p) => <input {...p} type="date" value={fields.validFrom ?? ''} onChange={(e) => set({ validFrom: e.target.value })} />}
        </Field>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy || (importId !== undefined && !finished)}>
          <span className="kern-label">{busy ? 'Wird hochgeladen …' : 'Räume importieren'}</span>
        </button>
      </form>

      {importId && !finished && (
        <section className="kern-stack-sm" aria-labelledby="raeume-fortschritt-titel">
          <h2 id="raeume-fortschritt-titel" className="kern-heading-medium">Import läuft</h2>
          <label className="kern-label" htmlFor="raeume-fortschritt">
            {result.data?.progress.total ? `${result.data.progress.done} von ${result.data.progress.total} Räumen verarbeitet` : 'Die Datei wartet auf die Verarbeitung …'}
          </label>
          <progress id="raeume-fortschritt" max={result.data?.progress.total ?? undefined} value={result.data?.progress.total ? result.data.progress.done : undefined} />
        </section>
      )}
      {finished && result.data && (
        <section className="kern-stack-sm" aria-labelledby="raeume-bericht-titel">
          <h2 id="raeume-bericht-titel" className="kern-heading-medium">Bericht</h2>
          {result.data.status === 'succeeded' ? (
            <Alert tone="success" title="Import abgeschlossen">
              <p data-testid="raeume-ergebnis">
                {formatNumber(result.data.imported ?? 0)} {result.data.imported === 1 ? 'Raum' : 'Räume'} vom Typ {typeLabel} gespeichert. Sie stehen jetzt auf der Karte und im Import der Indikatorwerte zur Wahl.
              </p>
            </Alert>
          ) : (
            <Alert tone="danger" title="Import abgelehnt – nichts gespeichert">
              <p data-testid="raeume-ergebnis">Die Datei konnte nicht übernommen werden. Antwort des Servers: {result.data.error ?? result.data.report?.rejected?.map((r) => r.reason).join('; ')}</p>
            </Alert>
          )}
          {(result.data.report?.rejected?.length ?? 0) > 0 && (
            <ul className="kern-body" data-testid="raeume-abgelehnt">
              {result.data.report!.rejected!.map((r, i) => <li key={i}>{r.line ? `Fläche ${r.line}: ` : ''}{r.reason}</li>)}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
