import type { Need, TaskType } from '@sozialraum/contracts/browser';
import { departmentLabel } from '../../lib/labels';
import { EvidenceSummary } from './EvidenceSummary';
import type { CycleDetail, Task } from './task-queries';

/** What each task asks of the person, in plain German. */
export const TASK_DESCRIPTIONS: Record<TaskType, string> = {
  'review-analysis': 'Prüfen Sie die Daten des Monitorings zu diesem Sozialraum und fassen Sie die Analyse zusammen. Damit beginnt die Beteiligung.',
  'document-participation': 'Dokumentieren Sie die Beteiligungsformate vor Ort: wer beteiligt war, welche Zielgruppen erreicht wurden und was herauskam. Schließen Sie die Beteiligung ab, wenn alles erfasst ist.',
  'set-goals': 'Leiten Sie aus Analyse und Beteiligung Ziele und Handlungsbedarfe ab und nennen Sie die zuständigen Fachbereiche.',
  'review-goals': 'Prüfen Sie Ziele und Handlungsbedarfe. Geben Sie sie frei oder mit Anmerkungen zurück.',
  'propose-measures': 'Schlagen Sie für die Handlungsbedarfe Ihres Fachbereichs Maßnahmen mit Budget und Zeitplan vor, oder begründen Sie, warum Ihr Fachbereich keine vorschlägt.',
  'decide-package': 'Entscheiden Sie über jede vorgeschlagene Maßnahme: beschließen, ablehnen oder zur Überarbeitung zurückgeben.',
  'report-status': 'Berichten Sie, wie weit die Maßnahmen Ihres Fachbereichs sind.',
  'evaluate-measure': 'Bewerten Sie die Wirkung der Maßnahme und empfehlen Sie, ob sie fortgeführt, angepasst oder beendet werden soll.',
  'reflect-cycle': 'Blicken Sie auf den Zyklus zurück: Was wurde erreicht, was lernen wir für den nächsten Zyklus?',
  'acknowledge-report': 'Nehmen Sie den Bericht über den abgeschlossenen Zyklus zur Kenntnis.',
};

function Needs({ needs }: { needs: Need[] }) {
  if (!needs.length) return null;
  return (
    <div className="kern-stack-sm">
      <h3 className="kern-heading-small">Handlungsbedarfe</h3>
      <ul className="kern-list">
        {needs.map((need) => (
          <li key={need.key} data-testid="handlungsbedarf">
            <strong>{need.title}</strong>
            {need.description && <> – {need.description}</>}
            <span className="kern-body--small kern-body--muted"> (zuständig: {need.departments.map(departmentLabel).join(', ')})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The task's own context and the cycle's evidence it needs. */
export function TaskContext({ task, cycle }: { task: Task; cycle: CycleDetail | undefined }) {
  const type = task.type as TaskType;
  const needs = (task.context.needs as Need[] | undefined) ?? (type === 'review-goals' || type === 'set-goals' ? [] : []);
  const returned = task.context.returned as Array<{ title: string; reason?: string }> | undefined;
  const returnedWith = task.context.returnedWith as string | undefined;
  return (
    <section aria-labelledby="worum-es-geht" className="kern-stack-md">
      <h2 id="worum-es-geht" className="kern-heading-medium">Worum es geht</h2>
      <p className="kern-body">{TASK_DESCRIPTIONS[type]}</p>
      {returnedWith && (
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title">Zurückgegeben mit Anmerkungen</span>
          </div>
          <div className="kern-alert__body kern-body">{returnedWith}</div>
        </div>
      )}
      {returned && returned.length > 0 && (
        <div className="kern-stack-sm">
          <h3 className="kern-heading-small">Zur Überarbeitung zurückgegeben</h3>
          <ul className="kern-list">
            {returned.map((m, i) => (
              <li key={i}>
                <strong>{m.title}</strong>: {m.reason ?? 'ohne Begründung'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Needs needs={needs} />
      {(type === 'review-analysis' || type === 'set-goals' || type === 'reflect-cycle') && cycle && (
        <details className="evidence" open={type === 'review-analysis'}>
          <summary className="kern-heading-small">Datengrundlage aus dem Monitoring</summary>
          <EvidenceSummary evidence={cycle.evidence} />
        </details>
      )}
    </section>
  );
}
