import { useState } from 'react';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/Alert';
import { saveFile } from '../../lib/download';
import { todayIso } from '../../lib/format';
import type { OverviewQuery } from './overview-search';

type Format = 'xlsx' | 'csv-excel';

const FORMATS: Array<{ format: Format; label: string; extension: string }> = [
  { format: 'xlsx', label: 'Als Excel-Datei (XLSX)', extension: 'xlsx' },
  { format: 'csv-excel', label: 'Als CSV (Excel)', extension: 'csv' },
];

/** "Maßnahmen_2026-11-24.xlsx": what the file is and when it was taken. */
export const exportFileName = (extension: string, day = todayIso()): string => `Maßnahmen_${day}.${extension}`;

/**
 * The filtered list as a file. A plain link cannot carry the bearer token, so the app fetches the file itself
 * and hands it to the browser under a German name.
 */
export function ExportButtons({ query, disabled }: { query: OverviewQuery; disabled?: boolean }) {
  const api = useApi();
  const [busy, setBusy] = useState<Format>();
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<unknown>();

  const download = async ({ format, extension }: (typeof FORMATS)[number]) => {
    setBusy(format);
    setSaved(undefined);
    setError(undefined);
    try {
      const blob = await unwrap(api.measures.GET('/v1/overview/export', { params: { query: { ...query, format } }, parseAs: 'blob' }));
      const name = exportFileName(extension);
      saveFile(blob as Blob, name);
      setSaved(name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="kern-stack-sm export">
      <div className="kern-btn-wrapper export__buttons" role="group" aria-label="Liste herunterladen">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className="kern-btn kern-btn--secondary kern-btn--small" disabled={disabled || busy !== undefined} aria-disabled={disabled || busy !== undefined} onClick={() => void download(f)}>
            <span className="kern-icon kern-icon--download" aria-hidden="true" />
            <span className="kern-label">{busy === f.format ? 'Datei wird erstellt …' : f.label}</span>
          </button>
        ))}
      </div>
      <p className="kern-body--small" aria-live="polite">
        {saved && <>Die Datei „{saved}“ wurde heruntergeladen.</>}
      </p>
      {error !== undefined && <ErrorAlert error={error} title="Die Datei konnte nicht erstellt werden" />}
    </div>
  );
}
