import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Alert, ErrorAlert } from '../../components/Alert';
import { useJob, useRecompute } from './data-queries';
import { jobProgress } from './job-progress';

type Outcome = { periods?: Array<{ period: string; scored: number; excluded: number }>; skipped?: Array<{ period: string; reason: string }> };

/** "Neu berechnen": queues the recomputation and follows its job until it is done, with a progress bar. */
export function RecomputePanel({ methodKey, version }: { methodKey: string; version: string }) {
  const recompute = useRecompute(methodKey, version);
  const [jobId, setJobId] = useState<string>();
  const job = useJob(jobId);
  const queryClient = useQueryClient();
  const progress = jobProgress(jobId ? (job.data?.state ?? recompute.data?.state) : undefined);
  const outcome = job.data?.state === 'completed' ? (job.data.result as Outcome | null) : null;

  // Once done, the method's periods and results are new.
  useEffect(() => {
    if (progress.finished && !progress.failed) void queryClient.invalidateQueries({ queryKey: ['methods'] });
  }, [progress.finished, progress.failed, queryClient]);

  const start = async () => {
    setJobId(undefined);
    const queued = await recompute.mutateAsync().catch(() => undefined);
    if (queued) setJobId(queued.id);
  };
  const running = recompute.isPending || (!!jobId && !progress.finished);

  return (
    <section aria-labelledby="neuberechnung" className="kern-stack-sm">
      <h2 id="neuberechnung" className="kern-heading-medium">
        Neu berechnen
      </h2>
      <p className="kern-body">Berechnet Indizes und Klassen dieser Version für jeden Zeitraum mit Daten neu und prüft danach die Warnregeln.</p>
      <div>
        <button type="button" className="kern-btn kern-btn--primary" onClick={() => void start()} disabled={running}>
          <span className="kern-label">{running ? 'Wird berechnet …' : 'Neu berechnen'}</span>
        </button>
      </div>
      {(recompute.isPending || jobId) && (
        <div className="kern-progress" data-testid="fortschritt">
          <label className="kern-label" htmlFor="fortschritt-neuberechnung">
            Fortschritt der Neuberechnung
          </label>
          <progress id="fortschritt-neuberechnung" max={progress.of} value={progress.step} aria-valuetext={progress.text}>
            {progress.step} von {progress.of}
          </progress>
          <p className="kern-body" role="status" data-testid="fortschritt-text">
            {progress.text}
          </p>
        </div>
      )}
      {recompute.isError && <ErrorAlert error={recompute.error} title="Die Neuberechnung wurde nicht gestartet" />}
      {job.isError && <ErrorAlert error={job.error} title="Der Stand der Neuberechnung ist nicht abrufbar" />}
      {progress.failed && (
        <Alert tone="danger" title="Die Neuberechnung ist fehlgeschlagen">
          <p>Die bisherigen Ergebnisse gelten weiter. Bitte versuchen Sie es später noch einmal.</p>
          {job.data?.failedReason && <p className="kern-body--small kern-body--muted">Antwort des Servers: {job.data.failedReason}</p>}
        </Alert>
      )}
      {outcome?.periods && (
        <ul className="kern-list" data-testid="neuberechnung-ergebnis">
          {outcome.periods.map((p) => (
            <li key={p.period}>
              {p.period}: {p.scored} {p.scored === 1 ? 'Raum' : 'Räume'} bewertet{p.excluded ? `, ${p.excluded} ausgeschlossen` : ''}
            </li>
          ))}
          {outcome.skipped?.map((s) => (
            <li key={s.period}>
              {s.period}: übersprungen <span className="kern-body--small kern-body--muted">(Hinweis des Servers: {s.reason})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
