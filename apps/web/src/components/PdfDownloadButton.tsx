import { useState } from 'react';
import { saveFile } from '../lib/download';
import { ErrorAlert } from './Alert';

/** "Als PDF herunterladen": fetches a PDF the server renders (with the bearer token) and saves it under `filename`. */
export function PdfDownloadButton({ fetchPdf, filename }: { fetchPdf: () => Promise<unknown>; filename: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      saveFile((await fetchPdf()) as Blob, filename);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="kern-stack-xs">
      <button type="button" className="kern-btn kern-btn--secondary" disabled={busy} aria-disabled={busy} onClick={() => void download()}>
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">{busy ? 'PDF wird erstellt …' : 'Als PDF herunterladen'}</span>
      </button>
      {error !== undefined && <ErrorAlert error={error} title="Das PDF konnte nicht erstellt werden" />}
    </div>
  );
}
