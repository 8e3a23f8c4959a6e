import { useRef, useState } from 'react';
import { hasRole, useApi, useMe } from '../../api/context';
import { ErrorAlert, Loading } from '../../components/Alert';
import { usePageTitle } from '../../lib/usePageTitle';
import { ImportReport } from './ImportReport';
import { PlannerOnly } from './PlannerOnly';
import { type ConfirmedImport, MappingSection } from './MappingSection';
import { PreviewSection } from './PreviewSection';
import { type PreviewOptions, previewFile, startImport, useImport, type ValuePreview } from './import-queries';

const STEPS = ['Datei wählen', 'Vorschau und Zuordnung', 'Import', 'Bericht'];

/** Where the wizard stands, for the step list (aria-current="step"). */
function Steps({ current }: { current: number }) {
  return (
    <ol className="import-steps" aria-label="Schritte des Imports">
      {STEPS.map((label, i) => (
        <li key={label} aria-current={i === current ? 'step' : undefined} className={i === current ? 'import-steps__current' : undefined}>
          <span className="kern-sr-only">{i < current ? 'erledigt: ' : ''}</span>
          {i + 1}. {label}
        </li>
      ))}
    </ol>
  );
}

/**
 * Daten → Import: a planner loads a statistical table as it is published (CSV or XLSX, title lines, German
 * numbers, names instead of codes): choose the file, check how it is read and confirm the suggested mapping,
 * follow the import, read (and download) the row report.
 */
export function ImportWizardPage() {
  usePageTitle('Indikatorwerte importieren');
  const api = useApi();
  const me = useMe();
  const [file, setFile] = useState<File>();
  const [options, setOptions] = useState<PreviewOptions>({});
  const [preview, setPreview] = useState<ValuePreview>();
  const [importId, setImportId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fileError, setFileError] = useState<string>();
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const result = useImport(importId);

  if (me.isPending) return <Loading what="Ihre Rechte" />;
  if (!hasRole(me.data, 'planner')) return <PlannerOnly title="Indikatorwerte importieren" what="Daten importieren" />;

  const readFile = async (next: PreviewOptions) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setPreview(await previewFile(api, file, next));
      setOptions(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (confirmed: ConfirmedImport) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const started = await startImport(api, file, confirmed, idempotencyKey.current);
      setImportId(started.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setFile(undefined);
    setPreview(undefined);
    setImportId(undefined);
    setOptions({});
    setError(undefined);
    idempotencyKey.current = crypto.randomUUID();
  };

  const finished = result.data && ['succeeded', 'rejected', 'failed'].includes(result.data.status);
  const step = !preview ? 0 : !importId ? 1 : finished ? 3 : 2;
  const progress = result.data?.progress;

  return (
    <section className="page kern-stack-lg">
      <h1 className="kern-heading-large">Indikatorwerte importieren</h1>
      <Steps current={step} />
      {error !== undefined && <ErrorAlert error={error} title={step === 0 ? 'Die Datei konnte nicht gelesen werden' : 'Das hat nicht geklappt'} />}

      {step === 0 && (
        <form
          className="kern-stack-md"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) setFileError('Wählen Sie eine CSV- oder XLSX-Datei.');
            else void readFile({});
          }}
        >
          <div className={`kern-form-input${fileError ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="import-datei">
              Tabelle (CSV oder XLSX)
            </label>
            <div className="kern-hint" id="import-datei-hinweis">
              So wie das Statistikamt sie veröffentlicht: Titelzeilen, deutsche Zahlen (1 675, -  23, 12,4), Zeichen wie „.“ oder „–“ und Gebietsnamen statt Schlüsseln werden erkannt.
            </div>
            <input
              id="import-datei"
              className="kern-form-input__input"
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`import-datei-hinweis${fileError ? ' import-datei-fehler' : ''}`}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setFileError(undefined);
              }}
            />
            {fileError && (
              <p className="kern-error" id="import-datei-fehler">
                <span className="kern-icon kern-icon--danger" aria-hidden="true" />
                <span>{fileError}</span>
              </p>
            )}
          </div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
            <span className="kern-label">{busy ? 'Datei wird gelesen …' : 'Vorschau anzeigen'}</span>
          </button>
        </form>
      )}

      {step === 1 && preview && (
        <>
          <PreviewSection key={JSON.stringify(options) + preview.headerRow} preview={preview} options={options} busy={busy} onChange={(next) => void readFile(next)} />
          <MappingSection key={`${preview.sheet}-${preview.headerRow}-${preview.delimiter}-${preview.encoding}-${options.spaceType}`} preview={preview} spaceType={options.spaceType} busy={busy} onConfirm={(c) => void confirm(c)} />
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={restart}>
            <span className="kern-label">Andere Datei wählen</span>
          </button>
        </>
      )}

      {step === 2 && (
        <section className="kern-stack-sm" aria-labelledby="fortschritt-titel">
          <h2 id="fortschritt-titel" className="kern-heading-medium">
            Import läuft
          </h2>
          <label className="kern-label" htmlFor="import-fortschritt">
            {progress?.total ? `${progress.done} von ${progress.total} Zeilen verarbeitet` : 'Die Datei wartet auf die Verarbeitung …'}
          </label>
          <progress id="import-fortschritt" max={progress?.total ?? undefined} value={progress?.total ? progress.done : undefined} />
          {result.isError && <ErrorAlert error={result.error} />}
        </section>
      )}

      {step === 3 && result.data && (
        <>
          <ImportReport result={result.data} />
          <button type="button" className="kern-btn kern-btn--secondary" onClick={restart}>
            <span className="kern-label">Weitere Datei importieren</span>
          </button>
        </>
      )}
    </section>
  );
}
