import { type Goal, type Need, RECOMMENDATION_LABELS, type TaskType } from '@sozialraum/contracts/browser';
import type { ReactNode } from 'react';
import { formatEuro } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import { EvidenceSummary } from './EvidenceSummary';
import { type ContextMeasure, contextOf, type EvaluationSummary } from './forms/task-context';
import { GoalComparisonTable } from './GoalComparisonTable';
import { GoalList, NeedList } from './GoalsAndNeeds';
import { MeasureFacts } from './MeasureFacts';
import { ParticipationSoFar } from './ParticipationSoFar';
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

/** The cycle's indicators by key, from its frozen evidence, to name a goal's indicator. */
function indicatorNames(cycle: CycleDetail | undefined): (key: string) => string {
  const evidence = cycle?.evidence as { profile?: { indicators?: Array<{ key: string; name: string }> } } | null | undefined;
  const names = new Map((evidence?.profile?.indicators ?? []).map((i) => [i.key, i.name]));
  return (key) => names.get(key) ?? key;
}

/** A part of the context that is there to look up, closed unless it is what the task is about. */
function More({ title, open = false, children }: { title: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="evidence" open={open}>
      <summary className="kern-heading-small">{title}</summary>
      {children}
    </details>
  );
}

/** The task's own context and the cycle's evidence it needs. */
export function TaskContext({ task, cycle }: { task: Task; cycle: CycleDetail | undefined }) {
  const type = task.type as TaskType;
  const c = contextOf(task);
  const returned = task.context.returned as Array<{ title: string; reason?: string }> | undefined;
  const needTitle = (key: string) => cycle?.needs.find((n) => n.key === key)?.title ?? key;
  const indicatorName = indicatorNames(cycle);
  return (
    <section aria-labelledby="worum-es-geht" className="kern-stack-md">
      <h2 id="worum-es-geht" className="kern-heading-medium">Worum es geht</h2>
      <p className="kern-body">{TASK_DESCRIPTIONS[type]}</p>
      {c.returnedWith && (
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title">Zurückgegeben mit Anmerkungen</span>
          </div>
          <div className="kern-alert__body kern-body">{c.returnedWith}</div>
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

      {type === 'review-analysis' && c.alertId !== undefined && (
        <p className="kern-body">Dieser Zyklus wurde aus einer Warnung des Monitorings (Nr. {c.alertId}) gestartet.</p>
      )}
      {type === 'review-analysis' && <NeedList needs={c.carriedOver?.needs ?? []} title="Aus dem vorigen Zyklus noch offene Handlungsbedarfe" />}
      {type === 'set-goals' && <NeedList needs={c.carriedNeeds} title="Aus dem vorigen Zyklus noch offene Handlungsbedarfe" />}
      {type === 'review-goals' && (
        <>
          <GoalList goals={c.goals} indicatorName={indicatorName} />
          <NeedList needs={c.needs} />
        </>
      )}
      {type === 'propose-measures' && <NeedList needs={c.needs} />}
      {type === 'decide-package' && cycle && (
        <More title="Ziele und Handlungsbedarfe des Zyklus">
          <GoalList goals={cycle.goals as Goal[]} indicatorName={indicatorName} />
          <NeedList needs={cycle.needs as Need[]} />
        </More>
      )}
      {type === 'evaluate-measure' && c.measure && (
        <div className="kern-stack-sm">
          <h3 className="kern-heading-small">Die Maßnahme: {c.measure.title}</h3>
          <MeasureFacts measure={c.measure} needTitle={needTitle(c.measure.needKey)} />
        </div>
      )}
      {(type === 'reflect-cycle' || type === 'acknowledge-report') && <GoalComparisonTable comparison={c.comparison} />}
      {type === 'reflect-cycle' && <ApprovedMeasures measures={c.measures} needTitle={needTitle} />}
      {type === 'acknowledge-report' && <CycleReport reflection={c.reflection} evaluations={c.evaluations} />}

      {(type === 'document-participation' || type === 'set-goals' || type === 'review-goals') && cycle && (
        <More title="Beteiligung in diesem Zyklus" open={type === 'document-participation'}>
          <ParticipationSoFar records={cycle.participation} />
        </More>
      )}
      {(type === 'review-analysis' || type === 'set-goals' || type === 'reflect-cycle') && cycle && (
        <More title="Datengrundlage aus dem Monitoring" open={type === 'review-analysis'}>
          <EvidenceSummary evidence={cycle.evidence} />
        </More>
      )}
    </section>
  );
}

/** The measures the committee approved in this cycle, to reflect on. */
function ApprovedMeasures({ measures, needTitle }: { measures: ContextMeasure[]; needTitle: (key: string) => string }) {
  if (!measures.length) return <p className="kern-body">In diesem Zyklus wurde keine Maßnahme beschlossen.</p>;
  return (
    <div className="kern-stack-sm">
      <h3 className="kern-heading-small">Beschlossene Maßnahmen</h3>
      <ul className="kern-list">
        {measures.map((m) => (
          <li key={m.measureId}>
            <strong>{m.title}</strong> ({departmentLabel(m.department)}; {needTitle(m.needKey)}; {m.budgetPlanned === undefined ? 'ohne Budgetangabe' : formatEuro(m.budgetPlanned)})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The report the committee acknowledges: the working group's reflection and each measure's evaluation. */
function CycleReport({ reflection, evaluations }: { reflection: { summary: string; lessons: string } | undefined; evaluations: EvaluationSummary[] }) {
  return (
    <div className="kern-stack-md">
      {reflection && (
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Was wurde erreicht?</dt>
            <dd className="kern-description-list-item__value preserve-lines">{reflection.summary}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Was lernen wir?</dt>
            <dd className="kern-description-list-item__value preserve-lines">{reflection.lessons}</dd>
          </div>
        </dl>
      )}
      {evaluations.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small">
            <caption className="kern-title kern-title--small">Bewertungen der Maßnahmen</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Maßnahme</th>
                <th scope="col" className="kern-table__header">Fachbereich</th>
                <th scope="col" className="kern-table__header">Empfehlung</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {evaluations.map((e) => (
                <tr key={e.measureId} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">{e.title}</th>
                  <td className="kern-table__cell">{departmentLabel(e.department)}</td>
                  <td className="kern-table__cell">{e.recommendation ? RECOMMENDATION_LABELS[e.recommendation] : 'nicht bewertet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
