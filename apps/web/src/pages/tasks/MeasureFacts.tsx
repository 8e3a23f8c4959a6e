import { formatDate, formatEuro } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import type { ContextMeasure } from './forms/task-context';

/** A measure as the committee and the department need to see it: need, department, budget, period, milestones, description. */
export function MeasureFacts({ measure, needTitle }: { measure: ContextMeasure; needTitle: string }) {
  return (
    <div className="kern-stack-sm">
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Handlungsbedarf</dt>
          <dd className="kern-description-list-item__value">{needTitle}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Fachbereich</dt>
          <dd className="kern-description-list-item__value">{departmentLabel(measure.department)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Geplantes Budget</dt>
          <dd className="kern-description-list-item__value">{measure.budgetPlanned === undefined ? 'nicht angegeben' : formatEuro(measure.budgetPlanned)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Zeitraum</dt>
          <dd className="kern-description-list-item__value">
            {measure.start || measure.end ? `${formatDate(measure.start)} bis ${formatDate(measure.end)}` : 'nicht angegeben'}
          </dd>
        </div>
      </dl>
      <p className="kern-body preserve-lines">{measure.description}</p>
      {!!measure.milestones?.length && (
        <>
          <p className="kern-body kern-body--bold">Meilensteine</p>
          <ul className="kern-list">
            {measure.milestones.map((m, i) => (
              <li key={i}>
                {m.title} – bis <time dateTime={m.dueOn}>{formatDate(m.dueOn)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

